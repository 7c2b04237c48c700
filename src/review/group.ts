/**
 * Decide which documents of a run belong to one review. Pure (paths are strings) so the browser
 * page can use it too.
 *
 * - Files named together in a config's `settings.documents` form one review.
 * - Otherwise files in the same folder do, when the folder holds at most one overview, one executive
 *   summary and one action plan. Documents whose kind is only a guess (no title saying what they
 *   are) join a review only when no titled document plays their role.
 * - A folder holding several overviews pairs each summary and plan with the overview whose file
 *   name is most alike; every other document is a review of its own.
 */
import type { ReportDocument } from '../model/document.js';
import { Review } from './review.js';

export interface ReviewInput {
  path: string;
  document: ReportDocument;
  /** Set when configuration pairs this file with others (e.g. the config file's path). */
  group?: string;
}

function folderOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? '' : path.slice(0, i);
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(i + 1).replace(/\.[^.]+$/, '').toLowerCase();
}

/** Words of a file name, without the words that name a document kind. */
function nameWords(path: string): Set<string> {
  const stop = new Set(['overview', 'report', 'executive', 'summary', 'exec', 'es', 'action', 'plan', 'final', 'draft', 'dhr', 'v1', 'v2', 'v3']);
  return new Set(baseName(path).split(/[^a-z0-9]+/).filter((w) => w && !stop.has(w)));
}

function likeness(a: string, b: string): number {
  const wa = nameWords(a);
  let shared = 0;
  for (const w of nameWords(b)) if (wa.has(w)) shared++;
  return shared;
}

export function groupReviews(inputs: ReviewInput[]): Review[] {
  const groups = new Map<string, ReviewInput[]>();
  for (const input of inputs) {
    const key = input.group !== undefined ? `config:${input.group}` : `folder:${folderOf(input.path)}`;
    const list = groups.get(key) ?? [];
    list.push(input);
    groups.set(key, list);
  }
  const reviews: Review[] = [];
  for (const [key, members] of groups) {
    if (key.startsWith('config:')) {
      reviews.push(new Review(members.map((m) => m.document)));
      continue;
    }
    reviews.push(...groupFolder(members));
  }
  // Keep the order of the inputs: a review sits where its first document was.
  const order = new Map(inputs.map((input, i) => [input.document, i]));
  return reviews.sort((a, b) => Math.min(...a.documents.map((d) => order.get(d)!)) - Math.min(...b.documents.map((d) => order.get(d)!)));
}

function groupFolder(members: ReviewInput[]): Review[] {
  const titled = (kind: string): ReviewInput[] => members.filter((m) => m.document.kind === kind && m.document.kindSource !== 'default');
  const overviews = titled('overview');
  const summaries = titled('executive-summary');
  const plans = titled('action-plan');
  const guessed = members.filter((m) => m.document.kindSource === 'default');

  if (overviews.length <= 1 && summaries.length <= 1 && plans.length <= 1) {
    const together = [...overviews, ...summaries, ...plans];
    const rest: ReviewInput[] = [];
    // A document of unknown kind stands in for the overview only when no titled one is there.
    if (overviews.length === 0 && guessed.length === 1 && together.length > 0) together.push(guessed[0]!);
    else rest.push(...guessed);
    const reviews = together.length ? [new Review(sortByInput(together, members).map((m) => m.document))] : [];
    for (const m of rest) reviews.push(new Review([m.document]));
    return reviews;
  }

  // Several overviews: pair the others by file name.
  const byOverview = new Map<ReviewInput, ReviewInput[]>(overviews.map((o) => [o, [o]]));
  const alone: ReviewInput[] = [...guessed];
  for (const m of [...summaries, ...plans]) {
    let best: ReviewInput | undefined;
    let bestScore = 0;
    for (const o of overviews) {
      const score = likeness(o.path, m.path);
      if (score > bestScore) {
        best = o;
        bestScore = score;
      }
    }
    const taken = best ? byOverview.get(best)! : undefined;
    if (taken && !taken.some((t) => t.document.kind === m.document.kind)) taken.push(m);
    else alone.push(m);
  }
  return [...[...byOverview.values()].map((list) => new Review(sortByInput(list, members).map((m) => m.document))), ...alone.map((m) => new Review([m.document]))];
}

function sortByInput(list: ReviewInput[], members: ReviewInput[]): ReviewInput[] {
  return [...list].sort((a, b) => members.indexOf(a) - members.indexOf(b));
}
