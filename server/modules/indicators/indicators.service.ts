import type { Platform } from '../../platform/platform';
import type { RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { IndicatorFrameworksTable } from '../../platform/db/schema';
import { AppError, notFound, type FieldIssue } from '../../platform/errors';
import type { MessageKey } from '../../platform/i18n';
import { newId } from '../../platform/ids';
import type { PolicyActor } from '../../platform/policy';
import { writableRegion } from '../tasks/tasks.service';
import type { FrameworkDetail, FrameworkNodeInput, FrameworkNodeView, FrameworkRulesInput, FrameworkView } from './indicators.contract';
import {
  formatPoints, frameworkIssues, numberKeysOf, parsePoints,
  type Aggregation, type FrameworkRules, type IndicatorNode, type Points, type ScoringMethod,
} from './indicators.engine';
import { frameworkAbilities, frameworkRules as policy } from './indicators.policy';
import * as repo from './indicators.repo';

/** A node as stored: the engine's node without its children, parent by code. */
export interface StoredNode extends Omit<IndicatorNode, 'children'> {
  parentCode: string | null;
}

/** A problem found in a framework, at a node (its index in the list as given) or at the framework itself. */
interface NodeIssue {
  index: number | null;
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

const points = (text: string): Points => parsePoints(text)!;
const optionalPoints = (text: string | null | undefined): Points | undefined => (text == null ? undefined : points(text));

/** One node of a request (or a sheet row) in the stored form, with what is missing for its method named. */
export function storedNode(input: FrameworkNodeInput, index: number): { node: StoredNode; issues: NodeIssue[] } {
  const issues: NodeIssue[] = [];
  const params = { code: input.code, name: input.name };
  const need = <T>(value: T | null | undefined, field: string): T | undefined => {
    if (value == null) issues.push({ index, field, key: 'INDICATOR_PARAM_REQUIRED', params });
    return value ?? undefined;
  };
  let scoring: ScoringMethod | undefined;
  switch (input.scoring) {
    case 'manual': case 'yesNo':
      scoring = { kind: input.scoring };
      break;
    case 'graded':
      scoring = { kind: 'graded', levels: (input.levels ?? []).map((l) => ({ level: l.tier, points: points(l.points) })), ...(input.passLevel ? { passLevel: input.passLevel } : {}) };
      break;
    case 'formula': {
      const numerator = need(input.numerator, 'numerator');
      const threshold = need(input.threshold, 'threshold');
      scoring = {
        kind: 'formula', numerator: numerator ?? '', threshold: threshold ?? '1',
        ...(input.denominator ? { denominator: input.denominator } : {}), ...(input.scale ? { scale: input.scale } : {}),
        direction: input.direction ?? 'atLeast', partial: input.partial ?? 'none',
      };
      break;
    }
    case 'deduction':
      scoring = { kind: 'deduction', perOccurrence: points(need(input.perOccurrence, 'perOccurrence') ?? '1'), floor: optionalPoints(input.floor) ?? 0 };
      break;
  }
  let aggregation: Aggregation | undefined;
  switch (input.aggregation) {
    case 'weightedSum': case 'allPass':
      aggregation = { kind: input.aggregation };
      break;
    case 'kOfN':
      aggregation = { kind: 'kOfN', k: need(input.k, 'k') ?? 1, ...(input.share ? { restShare: input.share } : {}) };
      break;
    case 'eachShare':
      aggregation = { kind: 'eachShare', share: need(input.share, 'share') ?? '1' };
      break;
  }
  const node: StoredNode = {
    code: input.code, parentCode: input.parentCode ?? null, name: input.name, maxPoints: points(input.maxPoints),
    ...(scoring ? { scoring } : {}), ...(aggregation ? { aggregation } : {}),
    ...(input.passPoints != null ? { passPoints: points(input.passPoints) } : {}),
    ...(input.veto ? { veto: true } : {}),
    ...(input.evidence?.length ? { evidence: input.evidence } : {}),
    ...(input.guidance ? { guidance: input.guidance } : {}),
  };
  return { node, issues };
}

export function storedRules(input: FrameworkRulesInput): FrameworkRules {
  return {
    grades: input.grades.map((g) => ({ grade: g.grade, minPoints: points(g.minPoints) })),
    downgrades: input.downgrades.map((d) => ({ ...d, steps: 1 })),
    caps: input.caps,
    vetoes: input.vetoes,
    ...(input.credibility ? {
      credibility: {
        tolerance: points(input.credibility.tolerance), deductionPerPoint: points(input.credibility.deductionPerPoint), maxDeduction: points(input.credibility.maxDeduction),
      },
    } : {}),
  };
}

function rulesView(rules: FrameworkRules): FrameworkRulesInput {
  return {
    grades: rules.grades.map((g) => ({ grade: g.grade, minPoints: formatPoints(g.minPoints) })),
    downgrades: rules.downgrades.map(({ event, label }) => ({ event, label })),
    caps: rules.caps,
    vetoes: rules.vetoes,
    credibility: rules.credibility ? {
      tolerance: formatPoints(rules.credibility.tolerance), deductionPerPoint: formatPoints(rules.credibility.deductionPerPoint), maxDeduction: formatPoints(rules.credibility.maxDeduction),
    } : null,
  };
}

const engineFields: Record<string, string> = {
  INDICATOR_CODE_REPEATED: 'code', INDICATOR_MAX_POINTS: 'maxPoints', INDICATOR_PARENT_SCORED: 'scoring', INDICATOR_AGGREGATION_REQUIRED: 'aggregation',
  INDICATOR_WEIGHTS: 'maxPoints', INDICATOR_K_OF_N: 'k', INDICATOR_SHARE: 'share', INDICATOR_LEAF_AGGREGATED: 'aggregation',
  INDICATOR_SCORING_REQUIRED: 'scoring', INDICATOR_LEVELS: 'levels', INDICATOR_LEVEL_POINTS: 'levels', INDICATOR_THRESHOLD: 'threshold',
  INDICATOR_DEDUCTION: 'perOccurrence', INDICATOR_PASS_POINTS: 'passPoints',
};

/**
 * The framework as the engine's tree under a root of its full marks, the nodes in tree order (parents first)
 * with their depth, and everything wrong with it: repeated codes, unknown parents, loops, then the engine's
 * own checks (weights that do not add up …), each at the node it concerns.
 */
export function assemble(totalPoints: Points, title: string, nodes: StoredNode[], rules: FrameworkRules) {
  const issues: NodeIssue[] = [];
  const index = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (index.has(n.code)) issues.push({ index: i, field: 'code', key: 'INDICATOR_CODE_REPEATED', params: { code: n.code, name: n.name } });
    else index.set(n.code, i);
  });
  const children = new Map<string | null, number[]>();
  nodes.forEach((n, i) => {
    if (index.get(n.code) !== i) return;
    if (n.parentCode !== null && !index.has(n.parentCode)) {
      issues.push({ index: i, field: 'parentCode', key: 'INDICATOR_PARENT_UNKNOWN', params: { code: n.code, parent: n.parentCode } });
      return;
    }
    children.set(n.parentCode, [...(children.get(n.parentCode) ?? []), i]);
  });
  const ordered: { node: StoredNode; depth: number; isLeaf: boolean }[] = [];
  const visited = new Set<number>();
  const build = (i: number, depth: number): IndicatorNode => {
    visited.add(i);
    const { parentCode: _parent, ...node } = nodes[i];
    const kids = children.get(node.code) ?? [];
    const entry = { node: nodes[i], depth, isLeaf: kids.length === 0 };
    ordered.push(entry);
    return kids.length ? { ...node, children: kids.map((k) => build(k, depth + 1)) } : node;
  };
  const root: IndicatorNode = { code: '', name: title, maxPoints: totalPoints, aggregation: { kind: 'weightedSum' }, children: (children.get(null) ?? []).map((i) => build(i, 1)) };
  nodes.forEach((n, i) => {
    if (!visited.has(i) && index.get(n.code) === i && (n.parentCode === null || index.has(n.parentCode))) {
      issues.push({ index: i, field: 'parentCode', key: 'INDICATOR_CYCLE', params: { code: n.code } });
    }
  });
  if (issues.length === 0) {
    for (const issue of frameworkIssues(root, rules)) {
      if (issue.key === 'INDICATOR_GRADE_BANDS') issues.push({ index: null, field: 'rules.grades', key: issue.key });
      else if (issue.key === 'INDICATOR_CAP_GRADE') issues.push({ index: null, field: 'rules.caps', key: issue.key, params: issue.params });
      else if (issue.code === '') issues.push({ index: null, field: 'totalPoints', key: 'INDICATOR_TOTAL', params: issue.params });
      else issues.push({ index: index.get(issue.code)!, field: engineFields[issue.key], key: issue.key as MessageKey, params: issue.params });
    }
  }
  return { root, ordered, issues };
}

const fieldIssues = (issues: NodeIssue[]): FieldIssue[] => issues.map((i) => ({ field: i.index === null ? i.field : `nodes.${i.index}.${i.field}`, key: i.key, params: i.params }));

export interface FrameworkContent {
  title: string;
  description?: string | null;
  totalPoints: string;
  nodes: FrameworkNodeInput[];
  rules: FrameworkRulesInput;
}

/** A request's framework checked whole and turned into what is stored; any problem refuses it all, each named. */
export function checkedContent(input: FrameworkContent): Pick<IndicatorFrameworksTable, 'title' | 'description' | 'total_points' | 'nodes' | 'rules'> {
  const converted = input.nodes.map((n, i) => storedNode(n, i));
  const own = converted.flatMap((c) => c.issues);
  const rules = storedRules(input.rules);
  const totalPoints = points(input.totalPoints);
  const { ordered, issues } = assemble(totalPoints, input.title, converted.map((c) => c.node), rules);
  const all = [...own, ...issues];
  if (all.length) throw new AppError('VALIDATION', 'VALIDATION', {}, { fields: fieldIssues(all) });
  return {
    title: input.title, description: input.description ?? null, total_points: totalPoints,
    nodes: JSON.stringify(ordered.map((o) => o.node)), rules: JSON.stringify(rules),
  };
}

const actorOf = (ctx: RequestContext) => ctx.actor!;
const rowOf = (r: Pick<IndicatorFrameworksTable, 'region_path' | 'status'>) => ({ regionPath: r.region_path, status: r.status });
const nodesOf = (r: Pick<IndicatorFrameworksTable, 'nodes'>) => JSON.parse(r.nodes) as StoredNode[];
const rulesOf = (r: Pick<IndicatorFrameworksTable, 'rules'>) => JSON.parse(r.rules) as FrameworkRules;

function present(actor: PolicyActor, r: repo.FrameworkRecord): FrameworkView {
  return {
    id: r.id, family: r.family, version: r.version, title: r.title, description: r.description, status: r.status as FrameworkView['status'],
    builtIn: r.region_path === null, regionName: r.region_name, totalPoints: formatPoints(r.total_points),
    indicatorCount: nodesOf(r).length, createdAt: r.created_at, updatedAt: r.updated_at, publishedAt: r.published_at,
    abilities: frameworkAbilities(actor, rowOf(r)),
  };
}

function nodeView(node: StoredNode, depth: number, isLeaf: boolean): FrameworkNodeView {
  const s = node.scoring;
  const a = node.aggregation;
  return {
    code: node.code, parentCode: node.parentCode, name: node.name, maxPoints: formatPoints(node.maxPoints), depth, isLeaf,
    scoring: s?.kind ?? null,
    levels: s?.kind === 'graded' ? s.levels.map((l) => ({ tier: l.level, points: formatPoints(l.points) })) : [],
    passLevel: s?.kind === 'graded' ? s.passLevel ?? null : null,
    numerator: s?.kind === 'formula' ? s.numerator : null,
    denominator: s?.kind === 'formula' ? s.denominator ?? null : null,
    scale: s?.kind === 'formula' ? s.scale ?? null : null,
    threshold: s?.kind === 'formula' ? s.threshold : null,
    direction: s?.kind === 'formula' ? s.direction : null,
    partial: s?.kind === 'formula' ? s.partial : null,
    perOccurrence: s?.kind === 'deduction' ? formatPoints(s.perOccurrence) : null,
    floor: s?.kind === 'deduction' ? formatPoints(s.floor) : null,
    aggregation: a?.kind ?? null,
    k: a?.kind === 'kOfN' ? a.k : null,
    share: a?.kind === 'kOfN' ? a.restShare ?? null : a?.kind === 'eachShare' ? a.share : null,
    passPoints: node.passPoints !== undefined ? formatPoints(node.passPoints) : null,
    veto: node.veto ?? false,
    evidence: node.evidence ?? [],
    guidance: node.guidance ?? null,
  };
}

/** The stored nodes in tree order with their depth (stored order is tree order already). */
export function orderedNodes(r: Pick<IndicatorFrameworksTable, 'nodes' | 'total_points' | 'title' | 'rules'>) {
  return assemble(r.total_points, r.title, nodesOf(r), rulesOf(r)).ordered;
}

export async function listFrameworks(db: Executor, actor: PolicyActor, query: Parameters<typeof repo.listFrameworks>[2]) {
  const { rows, total } = await repo.listFrameworks(db, actor, query);
  return { items: rows.map((r) => present(actor, r)), total, page: query.page, pageSize: query.pageSize };
}

export async function findFramework(db: Executor, actor: PolicyActor, id: string) {
  const row = await repo.findFramework(db, actor, id);
  if (!row) throw notFound();
  return row;
}

export async function frameworkDetail(db: Executor, actor: PolicyActor, id: string): Promise<FrameworkDetail> {
  const row = await findFramework(db, actor, id);
  const assembled = assemble(row.total_points, row.title, nodesOf(row), rulesOf(row));
  const versions = await repo.familyVersions(db, actor, row.family);
  return {
    ...present(actor, row),
    nodes: assembled.ordered.map((o) => nodeView(o.node, o.depth, o.isLeaf)),
    rules: rulesView(rulesOf(row)),
    numberKeys: numberKeysOf(assembled.root),
    versions: versions.map((v) => ({ id: v.id, version: v.version, status: v.status as 'draft' | 'published', publishedAt: v.published_at })),
  };
}

/**
 * What another module scores against: a framework version as the engine's tree and rules. Evaluations keep
 * the version id they started with; a published version never changes, so their scores stay explained.
 */
export async function frameworkForScoring(db: Executor, actor: PolicyActor, id: string) {
  const row = await findFramework(db, actor, id);
  return { id: row.id, title: row.title, version: row.version, status: row.status, root: assemble(row.total_points, row.title, nodesOf(row), rulesOf(row)).root, rules: rulesOf(row) };
}

export async function createFramework(platform: Platform, ctx: RequestContext, input: FrameworkContent & { regionId: string }) {
  const content = checkedContent(input);
  return platform.database.db.transaction().execute(async (trx) => {
    const region = await writableRegion(trx, actorOf(ctx), input.regionId);
    const id = await insertVersion(platform, ctx, trx, { ...content, family: newId(), version: 1, region_id: region.id, region_path: region.path }, 'indicator_framework.create');
    return frameworkDetail(trx, actorOf(ctx), id);
  });
}

/** A first version of a new framework in the office's region, copied from one it can read. */
export async function copyFramework(platform: Platform, ctx: RequestContext, id: string, input: { regionId: string; title: string }) {
  const actor = actorOf(ctx);
  return platform.database.db.transaction().execute(async (trx) => {
    const source = await findFramework(trx, actor, id);
    if (!policy.copy.can(actor, rowOf(source))) throw new AppError('FORBIDDEN');
    const region = await writableRegion(trx, actor, input.regionId);
    const copyId = await insertVersion(platform, ctx, trx, {
      title: input.title, description: source.description, total_points: source.total_points, nodes: source.nodes, rules: source.rules,
      family: newId(), version: 1, region_id: region.id, region_path: region.path,
    }, 'indicator_framework.copy', { copyOf: source.id });
    return frameworkDetail(trx, actor, copyId);
  });
}

async function insertVersion(
  platform: Platform, ctx: RequestContext, trx: Executor,
  values: Pick<IndicatorFrameworksTable, 'title' | 'description' | 'total_points' | 'nodes' | 'rules' | 'family' | 'version' | 'region_id' | 'region_path'>,
  action: string, detail: Record<string, unknown> = {},
): Promise<string> {
  const now = platform.clock.now().toISOString();
  const row: IndicatorFrameworksTable = { id: newId(), ...values, status: 'draft', created_by: ctx.actor!.id, created_at: now, updated_at: now, published_at: null };
  await repo.insertFramework(trx, row);
  await platform.audit.record(trx, ctx, { action, entityType: 'indicator_framework', entityId: row.id, detail: { ...detail, after: row } });
  return row.id;
}

/** A draft that this office may change; a published version answers that it is frozen. */
async function editableDraft(trx: Executor, actor: PolicyActor, id: string) {
  const row = await findFramework(trx, actor, id);
  if (row.status === 'published') throw new AppError('CONFLICT', 'INDICATOR_FRAMEWORK_FROZEN', { version: row.version });
  if (!policy.edit.can(actor, rowOf(row))) throw new AppError('FORBIDDEN');
  return row;
}

export async function updateFramework(platform: Platform, ctx: RequestContext, id: string, input: FrameworkContent) {
  const actor = actorOf(ctx);
  const content = checkedContent(input);
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await editableDraft(trx, actor, id);
    await repo.updateDraft(trx, id, { ...content, updated_at: platform.clock.now().toISOString() });
    await platform.audit.record(trx, ctx, { action: 'indicator_framework.update', entityType: 'indicator_framework', entityId: id, detail: { before, after: content } });
    return frameworkDetail(trx, actor, id);
  });
}

/** Publishing freezes the version: evaluations may start on it, and it never changes again. */
export async function publishFramework(platform: Platform, ctx: RequestContext, id: string) {
  const actor = actorOf(ctx);
  return platform.database.db.transaction().execute(async (trx) => {
    await editableDraft(trx, actor, id);
    const now = platform.clock.now().toISOString();
    await repo.updateDraft(trx, id, { status: 'published', published_at: now, updated_at: now });
    await platform.audit.record(trx, ctx, { action: 'indicator_framework.publish', entityType: 'indicator_framework', entityId: id, detail: { publishedAt: now } });
    return frameworkDetail(trx, actor, id);
  });
}

/** The next version of a published framework: a draft copy of it, one open draft per framework at a time. */
export async function newFrameworkVersion(platform: Platform, ctx: RequestContext, id: string) {
  const actor = actorOf(ctx);
  return platform.database.db.transaction().execute(async (trx) => {
    const source = await findFramework(trx, actor, id);
    if (!policy.newVersion.can(actor, rowOf(source))) throw source.status === 'draft' ? new AppError('CONFLICT', 'INDICATOR_DRAFT_OPEN') : new AppError('FORBIDDEN');
    const state = await repo.familyState(trx, source.family);
    if (state.hasDraft) throw new AppError('CONFLICT', 'INDICATOR_DRAFT_OPEN');
    const nextId = await insertVersion(platform, ctx, trx, {
      title: source.title, description: source.description, total_points: source.total_points, nodes: source.nodes, rules: source.rules,
      family: source.family, version: state.latest + 1, region_id: source.region_id, region_path: source.region_path,
    }, 'indicator_framework.version', { from: source.id });
    return frameworkDetail(trx, actor, nextId);
  });
}

/** Replace a draft's indicators with those read from a sheet (already checked row by row). */
export async function replaceDraftNodes(platform: Platform, ctx: RequestContext, trx: Executor, id: string, nodes: StoredNode[]) {
  const before = await editableDraft(trx, actorOf(ctx), id);
  await repo.updateDraft(trx, id, { nodes: JSON.stringify(nodes), updated_at: platform.clock.now().toISOString() });
  await platform.audit.record(trx, ctx, { action: 'indicator_framework.import', entityType: 'indicator_framework', entityId: id, detail: { before: { nodes: before.nodes }, after: { nodes: nodes.length } } });
}

export async function insertImportedFramework(platform: Platform, ctx: RequestContext, trx: Executor, input: { regionId: string; title: string; nodes: StoredNode[]; totalPoints: Points; rules: FrameworkRules; fileSha256: string }) {
  const region = await writableRegion(trx, actorOf(ctx), input.regionId);
  return insertVersion(platform, ctx, trx, {
    title: input.title, description: null, total_points: input.totalPoints, nodes: JSON.stringify(input.nodes), rules: JSON.stringify(input.rules),
    family: newId(), version: 1, region_id: region.id, region_path: region.path,
  }, 'indicator_framework.import', { sha256: input.fileSha256 });
}

/** Every stored node of a readable framework with its place in the tree, for the sheet. */
export async function frameworkRows(db: Executor, actor: PolicyActor, id: string) {
  const row = await findFramework(db, actor, id);
  return { row, nodes: orderedNodes(row).map((o) => nodeView(o.node, o.depth, o.isLeaf)) };
}

export const rulesFromRow = rulesOf;
