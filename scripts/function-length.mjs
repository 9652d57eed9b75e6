// Lists every function in the browser code that is longer than the limit, and fails if there is
// one: `node scripts/function-length.mjs [--max LINES] [FILE_OR_FOLDER ...]` (by default
// docs/javascripts, every .mjs file in it and its subfolders, 80 lines). A function counts from
// the line it starts on to the line it ends on, its comments and nested functions included:
// declarations, expressions, arrow functions, methods, constructors and accessors alike.
// `make lint` runs it, and tests/test_code_quality.py shows that it fails on a long function.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import process from "node:process";
import ts from "typescript";

const DEFAULT_MAX = 80;
const DEFAULT_PATHS = ["docs/javascripts"];

/** @param {string[]} args */
function parseArgs(args) {
  let max = DEFAULT_MAX;
  const paths = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--max") {
      max = Number(args[++i]);
      if (!Number.isInteger(max) || max < 1) throw new Error("--max needs a whole number of lines");
    } else {
      paths.push(args[i]);
    }
  }
  return { max, paths: paths.length ? paths : DEFAULT_PATHS };
}

/** @param {string} path @returns {string[]} */
function moduleFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const child = join(path, entry.name);
      if (entry.isDirectory()) return moduleFiles(child);
      return /\.m?js$/.test(entry.name) ? [child] : [];
    });
}

/** @param {import("typescript").Node} node */
function isFunction(node) {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/** A function's name as a reader finds it: its own, or the variable or property it is given to. */
function functionName(node) {
  if (node.name) return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (
    (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) &&
    parent.name !== undefined
  ) {
    return parent.name.getText();
  }
  return "(anonymous)";
}

/** @param {string} file @param {number} max */
function longFunctions(file, max) {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found = [];
  const visit = (node) => {
    if (isFunction(node)) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
      const lines = end - start + 1;
      if (lines > max) found.push({ file, line: start, name: functionName(node), lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function main() {
  const { max, paths } = parseArgs(process.argv.slice(2));
  const files = paths.flatMap(moduleFiles);
  const found = files.flatMap((file) => longFunctions(file, max));
  for (const { file, line, name, lines } of found) {
    console.log(
      `${relative(process.cwd(), file)}:${line}: ${name} is ${lines} lines (limit ${max})`,
    );
  }
  if (found.length) {
    console.log(`${found.length} function(s) over ${max} lines: split each into named steps.`);
    process.exit(1);
  }
  console.log(`${files.length} files checked: no function over ${max} lines.`);
}

main();
