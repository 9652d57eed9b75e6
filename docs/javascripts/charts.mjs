// @ts-check
// Small SVG charts for the team and progress pages, built as elements with SVG attributes and
// classes (the CSP allows no style attributes; assessment.css gives the colours). Each chart is
// hidden from assistive technology: the page gives the same data as a table next to it.

const NS = "http://www.w3.org/2000/svg";
const WIDTH = 640;
const PAD_LEFT = 28;
const PAD_RIGHT = 28;
const DOT = 4;
const DOT_STEP = 10;
const DOTS_PER_ROW = 8;

/**
 * An SVG element with attributes and children (strings become text).
 *
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {...(Node | string)} children
 * @returns {SVGElement}
 */
export function svg(tag, attrs = {}, ...children) {
  const node = /** @type {SVGElement} */ (document.createElementNS(NS, tag));
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  for (const child of children) node.append(child);
  return node;
}

/**
 * @param {number} width
 * @param {number} height
 * @param {string} className
 */
function frame(width, height, className) {
  return svg("svg", {
    class: `ex-chart ${className}`,
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    "aria-hidden": "true",
    focusable: "false",
  });
}

/** @param {number} value */
const round = (value) => Math.round(value * 10) / 10;

/**
 * @typedef {{name: string, level: number}} Point
 * @typedef {{name: string, median: number | null, low: number | null, high: number | null, points: Point[]}} SpreadRow
 */

/**
 * One row per area: each person a dot at their level, the range from lowest to highest as a
 * band, the median as a vertical mark.
 *
 * @param {SpreadRow[]} rows
 * @param {number} levelCount
 * @returns {SVGElement}
 */
export function spreadChart(rows, levelCount) {
  const span = Math.max(levelCount - 1, 1);
  const x = (/** @type {number} */ level) =>
    round(PAD_LEFT + ((level - 1) * (WIDTH - PAD_LEFT - PAD_RIGHT)) / span);
  const parts = [];
  let top = 22;
  for (let level = 1; level <= levelCount; level += 1) {
    parts.push(
      svg(
        "text",
        { class: "ex-chart__axis", x: x(level), y: 14, "text-anchor": "middle" },
        `Level ${level}`,
      ),
    );
  }
  const gridTop = top;
  for (const row of rows) {
    const groups = new Map();
    for (const point of row.points) {
      groups.set(point.level, [...(groups.get(point.level) || []), point]);
    }
    const biggest = Math.max(1, ...[...groups.values()].map((group) => group.length));
    const dotRows = Math.ceil(Math.min(biggest, 50) / DOTS_PER_ROW);
    const band = Math.max(28, dotRows * DOT_STEP + 10);
    const labelY = top + 16;
    const mid = round(labelY + 6 + band / 2);
    parts.push(svg("text", { class: "ex-chart__label", x: 4, y: labelY }, row.name));
    if (row.low === null || row.high === null || row.median === null) {
      parts.push(
        svg("text", { class: "ex-chart__note", x: x(1), y: mid + 4 }, "Nobody has a level here"),
      );
    } else {
      parts.push(
        svg("line", {
          class: "ex-chart__range",
          x1: x(row.low),
          x2: x(row.high),
          y1: mid,
          y2: mid,
        }),
      );
      for (const [level, group] of groups) {
        const cols = Math.min(group.length, DOTS_PER_ROW);
        const lines = Math.ceil(group.length / DOTS_PER_ROW);
        group.forEach((/** @type {Point} */ point, /** @type {number} */ index) => {
          const col = index % DOTS_PER_ROW;
          const line = Math.floor(index / DOTS_PER_ROW);
          const cx = round(x(level) + (col - (cols - 1) / 2) * DOT_STEP);
          const cy = round(mid + (line - (lines - 1) / 2) * DOT_STEP);
          parts.push(
            svg(
              "circle",
              { class: "ex-chart__dot", cx, cy, r: DOT },
              svg("title", {}, `${point.name}: Level ${point.level}`),
            ),
          );
        });
      }
      const half = Math.max(band / 2, 12);
      parts.push(
        svg(
          "line",
          {
            class: "ex-chart__median",
            x1: x(row.median),
            x2: x(row.median),
            y1: round(mid - half),
            y2: round(mid + half),
          },
          svg("title", {}, `Median: ${row.median}`),
        ),
      );
    }
    top = labelY + 6 + band + 8;
  }
  const grid = [];
  for (let level = 1; level <= levelCount; level += 1) {
    grid.push(
      svg("line", { class: "ex-chart__grid", x1: x(level), x2: x(level), y1: gridTop, y2: top }),
    );
  }
  const chart = frame(WIDTH, Math.ceil(top), "ex-chart--spread");
  chart.append(...grid, ...parts);
  return chart;
}

/**
 * @typedef {{label: string, values: (number | null)[]}} Series
 */

/**
 * Small line charts, one per series, sharing the x axis (one step per result) and the y axis
 * (levels 1 to levelCount). A missing value breaks the line.
 *
 * @param {Series[]} series
 * @param {string[]} xLabels
 * @param {number} levelCount
 * @returns {SVGElement}
 */
export function timeCharts(series, xLabels, levelCount) {
  const cell = { width: 312, height: 130, gap: 16 };
  const columns = 2;
  const plot = { left: 22, right: 40, top: 26, bottom: 22 };
  const rowsCount = Math.ceil(series.length / columns);
  const width = columns * cell.width + (columns - 1) * cell.gap;
  const height = rowsCount * (cell.height + cell.gap);
  const chart = frame(width, height, "ex-chart--time");
  const steps = Math.max(xLabels.length - 1, 1);
  const span = Math.max(levelCount - 1, 1);
  series.forEach((one, index) => {
    const left = (index % columns) * (cell.width + cell.gap);
    const top = Math.floor(index / columns) * (cell.height + cell.gap);
    const innerW = cell.width - plot.left - plot.right;
    const innerH = cell.height - plot.top - plot.bottom;
    const x = (/** @type {number} */ i) =>
      round(left + plot.left + (xLabels.length === 1 ? innerW / 2 : (i * innerW) / steps));
    const y = (/** @type {number} */ level) =>
      round(top + plot.top + innerH - ((level - 1) * innerH) / span);
    const group = svg("g", { class: "ex-chart__panel" });
    group.append(svg("text", { class: "ex-chart__label", x: left, y: top + 14 }, one.label));
    for (let level = 1; level <= levelCount; level += 1) {
      group.append(
        svg("line", {
          class: "ex-chart__grid",
          x1: left + plot.left,
          x2: left + cell.width - plot.right,
          y1: y(level),
          y2: y(level),
        }),
        svg(
          "text",
          {
            class: "ex-chart__axis",
            x: left + plot.left - 6,
            y: y(level) + 4,
            "text-anchor": "end",
          },
          String(level),
        ),
      );
    }
    const last = xLabels.length - 1;
    const ends = last > 0 ? [0, last] : [0];
    for (const i of ends) {
      group.append(
        svg(
          "text",
          {
            class: "ex-chart__axis",
            x: x(i),
            y: top + cell.height - 4,
            "text-anchor": last > 0 ? (i === 0 ? "start" : "end") : "middle",
          },
          xLabels[i],
        ),
      );
    }
    /** @type {string[]} */
    let run = [];
    const flush = () => {
      if (run.length > 1)
        group.append(svg("polyline", { class: "ex-chart__line", points: run.join(" ") }));
      run = [];
    };
    one.values.forEach((value, i) => {
      if (value === null) {
        flush();
        return;
      }
      run.push(`${x(i)},${y(value)}`);
      group.append(
        svg(
          "circle",
          { class: "ex-chart__dot", cx: x(i), cy: y(value), r: 3.5 },
          svg("title", {}, `${xLabels[i]}: Level ${value}`),
        ),
      );
    });
    flush();
    chart.append(group);
  });
  return chart;
}
