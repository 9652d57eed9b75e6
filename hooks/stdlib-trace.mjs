// Build-time helper of hooks/pyodide_assets.py, run by Node: start Pyodide from the pinned npm
// package the way the scorer's worker does (docs/javascripts/scorer/scorer-loader.mjs: a snapshot-
// making start, the quiz wheel unpacked into site-packages, `quiz.web` imported, the bank read,
// the memory snapshot taken), answer every request of hooks/scorer_flow.py, and print as JSON
// which files of the standard library zip Python imported, with the snapshot's size. The
// language packs given after the flow are unpacked beside the wheel, as the worker does on
// their language's pages, so the flow covers every language.
//
//   node hooks/stdlib-trace.mjs <pyodide folder> <quiz wheel> <scorer_flow.py> [<pack.zip>...]

import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [folder, wheel, flow, ...packs] = process.argv.slice(2);
if (!folder || !wheel || !flow) {
  console.error(
    "usage: node stdlib-trace.mjs <pyodide folder> <quiz wheel> <scorer_flow.py> [<pack.zip>...]",
  );
  process.exit(2);
}
const indexURL = folder.endsWith("/") ? folder : `${folder}/`;
const { loadPyodide } = await import(pathToFileURL(`${indexURL}pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true, stdout: () => {} });
const version = pyodide.runPython("import sys; f'{sys.version_info[0]}.{sys.version_info[1]}'");
const sitePackages = `/lib/python${version}/site-packages`;
pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: sitePackages });
for (const pack of packs) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(pack)), "zip", { extractDir: sitePackages });
}
pyodide.runPython(`__import__("sys").path_importer_cache.pop(${JSON.stringify(sitePackages)}, None)`);
pyodide.pyimport("quiz.web").warm_up();
const snapshot = pyodide.makeMemorySnapshot();
const heap = pyodide._module.HEAP8.length;
pyodide.FS.writeFile("/tmp/scorer_flow.py", readFileSync(flow));
const report = pyodide.runPython(`
import json, sys
sys.path.insert(0, "/tmp")
import scorer_flow
replies = scorer_flow.run_all()
unexpected = [reply["detail"] for reply in replies if "detail" in reply]
zipped = sorted(
    module.__file__.split(".zip/", 1)[1]
    for module in list(sys.modules.values())
    if ".zip/" in (getattr(module, "__file__", None) or "")
)
json.dumps({"files": zipped, "replies": len(replies), "unexpected": unexpected})
`);
const result = JSON.parse(report);
console.log(JSON.stringify({ ...result, snapshot_bytes: snapshot.byteLength, heap_bytes: heap }));
