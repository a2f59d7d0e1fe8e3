/**
 * What a wall must never show, measured in the page: a widget that collapsed (zero height), text
 * that is clipped or cut by its panel's edge, something drawn outside its panel, a band drawn over
 * the widgets, or raw error text. Returned as readable problems ("crisis/terms: text clipped
 * '#kestreldo…'"), so a failing run says what to look at in the screenshot next to it.
 *
 * An element may opt out of the clipping rule with `data-may-clip` when cutting it is intended and
 * the full text is on screen elsewhere (none of the built-in widgets needs it today).
 */
import type { Page } from '@playwright/test';

export interface IntegrityProblem {
  where: string;
  what: string;
}

const CHECK = `(() => {
  const problems = [];
  const tol = 1.5;
  const describe = (el) => {
    const t = (el.innerText || el.textContent || '').trim().replace(/\\s+/g, ' ');
    return t.length > 40 ? t.slice(0, 40) + '…' : t;
  };
  const ownText = (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
  const visible = (el) => {
    const s = getComputedStyle(el);
    return s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0;
  };
  const inside = (r, box) => r.left >= box.left - tol && r.right <= box.right + tol && r.top >= box.top - tol && r.bottom <= box.bottom + tol;
  const apart = (r, box) => r.right <= box.left + tol || r.left >= box.right - tol || r.bottom <= box.top + tol || r.top >= box.bottom - tol;
  const clipBox = (el, stop) => {
    for (let p = el.parentElement; p && p !== stop; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible') return p.getBoundingClientRect();
    }
    return stop.getBoundingClientRect();
  };
  const checkText = (root, where) => {
    for (const el of root.querySelectorAll('*')) {
      // Not rendered at all (inside a hidden list item): nothing to see, nothing to clip.
      if (!visible(el) || el.getClientRects().length === 0 || el.closest('[data-may-clip]')) continue;
      if (el.closest('svg') && el.tagName.toLowerCase() !== 'text') continue;
      const isText = ownText(el);
      const r = el.getBoundingClientRect();
      if (isText && (r.width === 0 || r.height === 0)) continue;
      if (isText) {
        const box = clipBox(el, root);
        // Wholly hidden by a list that shows what fits is fine; cut in two is not.
        if (!inside(r, box) && !apart(r, box)) problems.push({ where, what: 'text cut by the panel edge: "' + describe(el) + '"' });
        const s = getComputedStyle(el);
        if (s.display !== 'inline' && (el.scrollWidth > el.clientWidth + 1) && (s.overflowX !== 'visible' || s.textOverflow === 'ellipsis')) problems.push({ where, what: 'text clipped: "' + describe(el) + '"' });
      }
    }
    const text = root.innerText || '';
    const raw = /(error:|Too big|expected number|Error\\b|TypeError|undefined|NaN|\\[object Object\\])/.exec(text);
    if (raw) problems.push({ where, what: 'raw error text: "' + text.slice(Math.max(0, raw.index - 20), raw.index + 60).replace(/\\s+/g, ' ') + '"' });
  };

  const page = document.querySelector('.wallpage--current');
  const layout = document.querySelector('[data-testid="wall"]')?.getAttribute('data-layout-id') || '?';
  const cells = page ? [...page.querySelectorAll('.wallpage__cell')] : [];
  const stage = document.querySelector('.wallroot__stage')?.getBoundingClientRect();
  for (const cell of cells) {
    const where = layout + '/' + cell.getAttribute('data-widget-id');
    const r = cell.getBoundingClientRect();
    if (r.height < 4 || r.width < 4) { problems.push({ where, what: 'cell collapsed to ' + Math.round(r.width) + '×' + Math.round(r.height) }); continue; }
    if (stage && !inside(r, stage)) problems.push({ where, what: 'cell outside the screen' });
    for (const el of cell.querySelectorAll('svg, canvas, [data-testid]')) {
      if (!visible(el) || el.getClientRects().length === 0 || el.closest('[data-testid="widget-freshness"]')) continue;
      const e = el.getBoundingClientRect();
      // A chart squeezed to a strip shows an axis and nothing above it: as good as collapsed.
      if (el.classList.contains('recharts-surface') && e.height < 3 * parseFloat(getComputedStyle(document.documentElement).fontSize)) problems.push({ where, what: 'chart squeezed to ' + Math.round(e.height) + ' px high' });
      else if (e.height < 1 || e.width < 1) problems.push({ where, what: (el.getAttribute('data-testid') || el.tagName.toLowerCase()) + ' collapsed (' + Math.round(e.width) + '×' + Math.round(e.height) + ')' });
      else if (!inside(e, r) && !apart(e, clipBox(el, cell))) problems.push({ where, what: (el.getAttribute('data-testid') || el.tagName.toLowerCase()) + ' drawn outside its panel' });
    }
    checkText(cell, where);
  }
  // The chrome around the grid: header, banners, bands.
  for (const sel of ['.wallroot__header', '[data-testid="takeover-banner"]', '[data-testid="alert-banner"]', '[data-testid="drill-banner"]', '.replaybar']) {
    for (const el of document.querySelectorAll(sel)) if (visible(el)) checkText(el, layout + '/' + sel.replace(/[\\[\\]"=.]/g, '').replace('data-testid', ''));
  }
  // A band over the page must not cover a widget.
  for (const sel of ['[data-testid="drill-banner"]', '.replaybar']) {
    const band = document.querySelector(sel);
    if (!band || !visible(band)) continue;
    const b = band.getBoundingClientRect();
    for (const cell of cells) if (!apart(b, cell.getBoundingClientRect())) problems.push({ where: layout + '/' + cell.getAttribute('data-widget-id'), what: sel + ' covers this widget' });
  }
  return problems;
})()`;

export async function wallProblems(page: Page): Promise<IntegrityProblem[]> {
  return page.evaluate<IntegrityProblem[]>(CHECK);
}

export function formatProblems(state: string, problems: readonly IntegrityProblem[]): string {
  return problems.map((p) => `${state} · ${p.where}: ${p.what}`).join('\n');
}
