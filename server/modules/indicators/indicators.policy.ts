import { sql, type SqlBool } from 'kysely';
import { abilitiesOf, anyOf, allOf, never, officeWrites, placedReads, type AccessRule, type PolicyActor } from '../../platform/policy';

/** What the framework rules read of a row. Built-in frameworks have no region. */
export interface FrameworkRow {
  regionPath: string | null;
  status: string;
}

/** A region-placed rule for rows that may have no region: a built-in row never passes it. */
function placed(rule: AccessRule<{ regionPath: string }>): AccessRule<FrameworkRow> {
  return {
    filter: rule.filter,
    can: (actor, row) => row.regionPath !== null && rule.can(actor, { regionPath: row.regionPath }),
  };
}

/** The regions above an office and its own: "/a/b/" has "/a/" and "/a/b/". */
function pathsUpTo(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

/** The built-in frameworks, for anyone who reads frameworks at all. */
const builtIn: AccessRule<FrameworkRow> = {
  filter: (actor, alias) => (actor.permissions.has('evaluation.read') ? (eb) => eb(sql.ref(`${alias}.region_path`), 'is', null) : never),
  can: (actor, row) => actor.permissions.has('evaluation.read') && row.regionPath === null,
};

/** A published framework of an office above: a county office reads the city's framework it is evaluated by. */
const publishedAbove: AccessRule<FrameworkRow> = {
  filter: (actor, alias) => {
    if (!actor.permissions.has('evaluation.read') || actor.scope.kind !== 'region') return never;
    const paths = pathsUpTo(actor.scope.regionPath);
    return (eb) => eb.and([eb(sql.ref(`${alias}.region_path`), 'in', paths), eb(sql.ref(`${alias}.status`), '=', 'published')]) as never;
  },
  can: (actor, row) => actor.permissions.has('evaluation.read') && actor.scope.kind === 'region' && row.status === 'published'
    && row.regionPath !== null && pathsUpTo(actor.scope.regionPath).includes(row.regionPath),
};

const draft: AccessRule<FrameworkRow> = {
  filter: (_actor, alias) => (eb) => eb(sql.ref(`${alias}.status`), '=', 'draft') as never,
  can: (_actor, row) => row.status === 'draft',
};

const published: AccessRule<FrameworkRow> = {
  filter: (_actor, alias) => (eb) => eb(sql.ref(`${alias}.status`), '=', 'published') as never,
  can: (_actor, row) => row.status === 'published',
};

const officeOwns = placed(officeWrites('evaluation.write'));

/** An office with a place of its own may copy whatever framework it can read. */
const mayCopy: AccessRule<FrameworkRow> = {
  filter: (actor) => (actor.permissions.has('evaluation.write') && actor.scope.kind === 'region' ? () => sql<SqlBool>`1 = 1` : never),
  can: (actor) => actor.permissions.has('evaluation.write') && actor.scope.kind === 'region',
};

export const frameworkRules = {
  read: anyOf(builtIn, placed(placedReads('evaluation.read')), publishedAbove),
  /** A draft is edited and published by the office it belongs to; a published version is frozen. */
  edit: allOf(officeOwns, draft),
  publish: allOf(officeOwns, draft),
  /** A new version starts from a published one, in the same office. */
  newVersion: allOf(officeOwns, published),
  copy: mayCopy,
};

export function frameworkAbilities(actor: PolicyActor, row: FrameworkRow) {
  const { read: _read, ...actions } = frameworkRules;
  return abilitiesOf(actions, actor, row);
}
