// @ts-check
// Small SVG charts for the team and progress pages, built as elements with SVG attributes and
// classes (the CSP allows no style attributes; team.css gives the colours). Each chart is
// hidden from assistive technology: the page gives the same data as a table next to it.
// A chart is laid out for the width it has (`chartBox`), drawn one SVG unit to one CSS pixel,
// so its labels keep their size on a phone instead of shrinking with a wide drawing.

import { message } from "./messages.mjs";

const NS = "http://www.w3.org/2000/svg";
/** Charts are laid out for the width they are shown at, between these (CSS pixels). */
export const MIN_WIDTH = 240;
export const MAX_WIDTH = 640;
const PAD_MIN = 28;
const DOT = 4;
const DOT_STEP = 10;
const DOTS_PER_ROW = 8;
/** Rough width of a character of the charts' bold 13 px labels, to wrap them. */
const LABEL_CHAR = 7.6;
const LABEL_LINE = 16;

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
 * The width to lay a chart out for, in a box `available` pixels wide.
 *
 * @param {number} available
 */
export const fitWidth = (available) =>
  Math.floor(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, available)));

/**
 * A box holding a chart laid out for the box's width, drawn again when that width changes
 * (a phone turned, a window resized). `draw(width)` makes the chart.
 *
 * @param {(width: number) => SVGElement} draw
 * @returns {HTMLDivElement}
 */
export function chartBox(draw) {
  const box = document.createElement("div");
  box.className = "ex-chart-box";
  let drawn = 0;
  const paint = (/** @type {number} */ width) => {
    if (width === drawn) return;
    drawn = width;
    box.replaceChildren(draw(width));
  };
  paint(MAX_WIDTH);
  if (typeof ResizeObserver === "function") {
    const observer = new ResizeObserver(() => {
      if (!box.isConnected) {
        observer.disconnect();
        return;
      }
      const available = box.clientWidth;
      if (available > 0) paint(fitWidth(available)); // 0: not shown (printing)
    });
    observer.observe(box);
  }
  return box;
}

/**
 * `text` cut into lines of at most `width` pixels of label text (words are not split).
 *
 * @param {string} text
 * @param {number} width
 * @returns {string[]}
 */
export function wrapLabel(text, width) {
  const most = Math.max(8, Math.floor(width / LABEL_CHAR));
  /** @type {string[]} */
  const lines = [];
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= most) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.length ? lines : [""];
}

/**
 * A label of one or more lines, its first baseline at `y`.
 *
 * @param {string[]} lines
 * @param {number} x
 * @param {number} y
 */
function label(lines, x, y) {
  return svg(
    "text",
    { class: "ex-chart__label", x, y },
    ...lines.map((line, index) => svg("tspan", { x, dy: index ? LABEL_LINE : 0 }, line)),
  );
}

/**
 * How many dots share a row at one level, and the padding at each end, so that the widest
 * group of dots stays inside the chart and clear of the next level's.
 *
 * @param {number} width
 * @param {number} span levels - 1
 * @param {number} biggest the most people at one level in one area
 */
function dotLayout(width, span, biggest) {
  let perRow = Math.max(1, Math.min(DOTS_PER_ROW, biggest));
  for (;;) {
    const half = ((perRow - 1) / 2) * DOT_STEP + DOT + 2;
    const pad = Math.max(PAD_MIN, Math.ceil(half));
    const step = (width - 2 * pad) / span;
    if (perRow === 1 || 2 * half + 2 <= step) return { perRow, pad };
    perRow -= 1;
  }
}

/**
 * @typedef {{name: string, level: number}} Point
 * @typedef {{name: string, median: number | null, low: number | null, high: number | null, points: Point[]}} SpreadRow
 */

/**
 * One row per area: each person a dot at their level, the range from lowest to highest as a
 * band, the median as a mark under the dots (it never hides one).
 *
 * @param {SpreadRow[]} rows
 * @param {number} levelCount
 * @param {number} [width]
 * @returns {SVGElement}
 */
export function spreadChart(rows, levelCount, width = MAX_WIDTH) {
  const span = Math.max(levelCount - 1, 1);
  /** @type {Map<number, Point[]>[]} */
  const grouped = rows.map((row) => {
    const groups = new Map();
    for (const point of row.points) {
      groups.set(point.level, [...(groups.get(point.level) || []), point]);
    }
    return groups;
  });
  const biggest = Math.max(
    1,
    ...grouped.flatMap((groups) => [...groups.values()].map((group) => group.length)),
  );
  const { perRow, pad } = dotLayout(width, span, biggest);
  const x = (/** @type {number} */ level) => round(pad + ((level - 1) * (width - 2 * pad)) / span);
  const parts = [];
  let top = 22;
  for (let level = 1; level <= levelCount; level += 1) {
    parts.push(
      svg(
        "text",
        { class: "ex-chart__axis", x: x(level), y: 14, "text-anchor": "middle" },
        message("level_label", { level }),
      ),
    );
  }
  const gridTop = top;
  rows.forEach((row, rowIndex) => {
    const groups = grouped[rowIndex];
    const most = Math.max(1, ...[...groups.values()].map((group) => group.length));
    const dotRows = Math.ceil(most / perRow);
    const band = Math.max(28, dotRows * DOT_STEP + 10);
    const lines = wrapLabel(row.name, width - 8);
    const labelY = top + 16;
    const below = labelY + (lines.length - 1) * LABEL_LINE;
    const mid = round(below + 6 + band / 2);
    parts.push(label(lines, 4, labelY));
    if (row.low === null || row.high === null || row.median === null) {
      parts.push(
        svg("text", { class: "ex-chart__note", x: x(1), y: mid + 4 }, message("chart_nobody")),
      );
    } else {
      const range = { low: row.low, high: row.high, median: row.median };
      parts.push(...spreadMarks(range, groups, { x, mid, band, dotRows, perRow }));
    }
    top = below + 6 + band + 8;
  });
  const grid = [];
  for (let level = 1; level <= levelCount; level += 1) {
    grid.push(
      svg("line", { class: "ex-chart__grid", x1: x(level), x2: x(level), y1: gridTop, y2: top }),
    );
  }
  const chart = frame(width, Math.ceil(top), "ex-chart--spread");
  chart.append(...grid, ...parts);
  return chart;
}

/**
 * One area's marks in the spread chart: the band from the lowest to the highest level, the
 * median, and a dot per person.
 *
 * @param {{low: number, high: number, median: number}} row
 * @param {Map<number, Point[]>} groups the people at each level
 * @param {{x: (level: number) => number, mid: number, band: number, dotRows: number,
 *   perRow: number}} place where the row's middle is, its height, and how dots are laid out
 * @returns {SVGElement[]}
 */
function spreadMarks(row, groups, { x, mid, band, dotRows, perRow }) {
  const parts = [];
  // The band reaches round the dots at the lowest and highest level.
  const bandHeight = dotRows * DOT_STEP + 4;
  const reach = (/** @type {number} */ level) =>
    Math.max(
      bandHeight / 2,
      ((Math.min(groups.get(level)?.length || 1, perRow) - 1) / 2) * DOT_STEP + DOT + 2,
    );
  const left = round(x(row.low) - reach(row.low));
  parts.push(
    svg("rect", {
      class: "ex-chart__range",
      x: left,
      y: round(mid - bandHeight / 2),
      width: round(x(row.high) + reach(row.high) - left),
      height: bandHeight,
      rx: bandHeight / 2,
    }),
  );
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
      svg("title", {}, message("chart_median", { median: row.median })),
    ),
  );
  for (const [level, group] of groups) {
    const cols = Math.min(group.length, perRow);
    const dotLines = Math.ceil(group.length / perRow);
    group.forEach((point, index) => {
      const col = index % perRow;
      const line = Math.floor(index / perRow);
      const inLine = line === dotLines - 1 ? group.length - line * perRow : cols;
      const cx = round(x(level) + (col - (inLine - 1) / 2) * DOT_STEP);
      const cy = round(mid + (line - (dotLines - 1) / 2) * DOT_STEP);
      parts.push(
        svg(
          "circle",
          { class: "ex-chart__dot", cx, cy, r: DOT },
          svg("title", {}, message("chart_point", { name: point.name, level: point.level })),
        ),
      );
    });
  }
  return parts;
}

/**
 * @typedef {{label: string, values: (number | null)[]}} Series
 */

/**
 * Small line charts, one per series, sharing the x axis (one step per result) and the y axis
 * (levels 1 to levelCount), two to a row when there is room. A missing value breaks the line.
 *
 * @param {Series[]} series
 * @param {string[]} xLabels
 * @param {number} levelCount
 * @param {number} [width]
 * @returns {SVGElement}
 */
export function timeCharts(series, xLabels, levelCount, width = MAX_WIDTH) {
  const gap = 16;
  const columns = width >= 2 * 260 + gap ? 2 : 1;
  const cellWidth = (width - (columns - 1) * gap) / columns;
  const labels = series.map((one) => wrapLabel(one.label, cellWidth - 4));
  const labelLines = Math.max(1, ...labels.map((lines) => lines.length));
  const plot = { left: 22, right: 40, top: 26 + (labelLines - 1) * LABEL_LINE, bottom: 22 };
  const cell = { width: cellWidth, height: 104 + plot.top, gap };
  const rowsCount = Math.ceil(series.length / columns);
  const height = rowsCount * (cell.height + cell.gap);
  const chart = frame(width, height, "ex-chart--time");
  const steps = Math.max(xLabels.length - 1, 1);
  const span = Math.max(levelCount - 1, 1);
  series.forEach((one, index) => {
    const left = round((index % columns) * (cell.width + cell.gap));
    const top = Math.floor(index / columns) * (cell.height + cell.gap);
    const innerW = cell.width - plot.left - plot.right;
    const innerH = cell.height - plot.top - plot.bottom;
    const x = (/** @type {number} */ i) =>
      round(left + plot.left + (xLabels.length === 1 ? innerW / 2 : (i * innerW) / steps));
    const y = (/** @type {number} */ level) =>
      round(top + plot.top + innerH - ((level - 1) * innerH) / span);
    const group = svg("g", { class: "ex-chart__panel" });
    group.append(label(labels[index], round(left), top + 14));
    group.append(...timeAxes({ left, top, x, y }, cell, plot, xLabels, levelCount));
    group.append(...timeLine(one.values, x, y, xLabels));
    chart.append(group);
  });
  return chart;
}

/**
 * One time chart's axes: a grid line and a label per level, and the first and last result's
 * dates.
 *
 * @param {{left: number, top: number, x: (i: number) => number, y: (level: number) => number}} at
 * @param {{width: number, height: number}} cell
 * @param {{left: number, right: number}} plot
 * @param {string[]} xLabels
 * @param {number} levelCount
 * @returns {SVGElement[]}
 */
function timeAxes({ left, top, x, y }, cell, plot, xLabels, levelCount) {
  const parts = [];
  for (let level = 1; level <= levelCount; level += 1) {
    parts.push(
      svg("line", {
        class: "ex-chart__grid",
        x1: left + plot.left,
        x2: round(left + cell.width - plot.right),
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
    parts.push(
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
  return parts;
}

/**
 * One series' line and dots; a missing value breaks the line.
 *
 * @param {(number | null)[]} values
 * @param {(i: number) => number} x
 * @param {(level: number) => number} y
 * @param {string[]} xLabels
 * @returns {SVGElement[]}
 */
function timeLine(values, x, y, xLabels) {
  /** @type {SVGElement[]} */
  const parts = [];
  /** @type {string[]} */
  let run = [];
  const flush = () => {
    if (run.length > 1)
      parts.push(svg("polyline", { class: "ex-chart__line", points: run.join(" ") }));
    run = [];
  };
  values.forEach((value, i) => {
    if (value === null) {
      flush();
      return;
    }
    run.push(`${x(i)},${y(value)}`);
    parts.push(
      svg(
        "circle",
        { class: "ex-chart__dot", cx: x(i), cy: y(value), r: 3.5 },
        svg("title", {}, message("chart_point", { name: xLabels[i], level: value })),
      ),
    );
  });
  flush();
  return parts;
}
