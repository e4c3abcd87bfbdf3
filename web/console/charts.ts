// Small SVG charts drawn here (no charting library): stacked bars over days, horizontal bars by label.
import { h, s } from './dom.js';

const PALETTE = ['#2f6690', '#3a7d44', '#d1495b', '#edae49', '#7b5ea7', '#00798c', '#8d6a9f', '#c8553d'];

export function colorFor(index: number): string {
  return PALETTE[index % PALETTE.length] ?? '#555';
}

export interface Series {
  name: string;
  values: number[];
}

/** Stacked columns, one per label (a day), with a legend; empty data says so instead of drawing axes. */
export function stackedBars(title: string, labels: string[], series: Series[]): HTMLElement {
  const figure = h('figure', { class: 'chart' }, h('figcaption', {}, title));
  const totals = labels.map((_, i) => series.reduce((sum, one) => sum + (one.values[i] ?? 0), 0));
  const max = Math.max(0, ...totals);
  if (labels.length === 0 || max === 0) {
    figure.appendChild(h('p', { class: 'muted' }, 'Nothing in this range.'));
    return figure;
  }
  const width = 640;
  const height = 200;
  const left = 40;
  const bottom = 24;
  const plotW = width - left - 8;
  const plotH = height - bottom - 8;
  const barW = Math.max(2, plotW / labels.length - 2);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart-svg' });
  svg.appendChild(s('title', {}, title));
  for (const fraction of max >= 4 ? [0, 0.5, 1] : [0, 1]) {
    const y = 8 + plotH * (1 - fraction);
    svg.appendChild(s('line', { x1: left, x2: width - 8, y1: y, y2: y, class: 'grid' }));
    svg.appendChild(s('text', { x: left - 4, y: y + 4, 'text-anchor': 'end', class: 'axis' }, String(Math.round(max * fraction))));
  }
  labels.forEach((label, i) => {
    let y = 8 + plotH;
    const x = left + (plotW / labels.length) * i + 1;
    series.forEach((one, k) => {
      const value = one.values[i] ?? 0;
      if (!value) return;
      const barH = (value / max) * plotH;
      y -= barH;
      const rect = s('rect', { x, y, width: barW, height: barH, fill: colorFor(k) });
      rect.appendChild(s('title', {}, `${label} · ${one.name}: ${value}`));
      svg.appendChild(rect);
    });
    const every = Math.ceil(labels.length / 8);
    if (i % every === 0) svg.appendChild(s('text', { x: x + barW / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis' }, label.slice(5)));
  });
  figure.appendChild(svg);
  figure.appendChild(legend(series.map((one) => one.name)));
  return figure;
}

export function legend(names: string[]): HTMLElement {
  return h('ul', { class: 'legend' }, ...names.map((name, i) => h('li', {}, h('span', { class: 'swatch', style: `background:${colorFor(i)}` }), name)));
}

/** One bar per label, longest first. */
export function horizontalBars(title: string, items: Array<{ label: string; note?: string; value: number }>): HTMLElement {
  const figure = h('figure', { class: 'chart' }, h('figcaption', {}, title));
  if (items.length === 0) {
    figure.appendChild(h('p', { class: 'muted' }, 'Nothing in this range.'));
    return figure;
  }
  const max = Math.max(...items.map((item) => item.value));
  const rowH = 22;
  const width = 640;
  const labelW = 230;
  const svg = s('svg', { viewBox: `0 0 ${width} ${items.length * rowH + 4}`, role: 'img', 'aria-label': title, class: 'chart-svg' });
  svg.appendChild(s('title', {}, title));
  items.forEach((item, i) => {
    const y = i * rowH + 2;
    const barW = ((width - labelW - 50) * item.value) / max;
    svg.appendChild(s('text', { x: 0, y: y + 14, class: 'axis label' }, item.label));
    const rect = s('rect', { x: labelW, y: y + 3, width: Math.max(1, barW), height: rowH - 8, fill: colorFor(0) });
    rect.appendChild(s('title', {}, `${item.label}${item.note ? ` (${item.note})` : ''}: ${item.value}`));
    svg.appendChild(rect);
    svg.appendChild(s('text', { x: labelW + barW + 6, y: y + 14, class: 'axis' }, String(item.value)));
  });
  figure.appendChild(svg);
  return figure;
}
