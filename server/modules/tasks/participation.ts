import type { Actor } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import { tasksScope, visitsScope } from '../../platform/scope';
import type { TaskKind } from './tasks.schemas';
import type { TaskStatus } from './task-status';

export interface Person {
  inspectorId?: string;
  expertId?: string;
  /** The person's linked account: its team memberships and the visits it recorded count too. */
  accountId: string | null;
}

/**
 * The supervision tasks and field visits a person took part in: teams they were put on by record or through
 * their account, and visits of those teams or recorded by them — as far as the caller may see those tasks.
 */
export async function supervisionParticipation(db: Executor, actor: Actor, person: Person) {
  const teamIds = db.selectFrom('task_team_people').select('team_id')
    .where(person.inspectorId ? 'task_team_people.inspector_id' : 'task_team_people.expert_id', '=', person.inspectorId ?? person.expertId ?? '')
    .union(db.selectFrom('task_team_members').select('team_id').where('task_team_members.account_id', '=', person.accountId ?? ''));
  const tasks = await db.selectFrom('task_teams').innerJoin('supervision_tasks', 'supervision_tasks.id', 'task_teams.task_id')
    .select(['supervision_tasks.id', 'supervision_tasks.title', 'supervision_tasks.kind', 'supervision_tasks.status', 'supervision_tasks.start_date', 'supervision_tasks.end_date', 'task_teams.name as team_name', 'task_teams.leader_account_id'])
    .where('task_teams.id', 'in', teamIds).where(tasksScope(actor)).orderBy('supervision_tasks.start_date', 'desc').limit(200).execute();
  const visits = await db.selectFrom('visits').innerJoin('supervision_tasks', 'supervision_tasks.id', 'visits.task_id').leftJoin('units', 'units.id', 'visits.unit_id')
    .leftJoin('regions', 'regions.id', 'visits.target_region_id')
    .select(['visits.id', 'visits.visit_date', 'visits.status', 'supervision_tasks.title as task_title', 'units.name as unit_name', 'regions.name as region_name'])
    .where((eb) => eb.or([eb('visits.team_id', 'in', teamIds), eb('visits.recorded_by', '=', person.accountId ?? '')]))
    .where(visitsScope(actor)).orderBy('visits.visit_date', 'desc').limit(200).execute();
  return {
    tasks: tasks.map((t) => ({
      id: t.id, title: t.title, kind: t.kind as TaskKind, status: t.status as TaskStatus, startDate: t.start_date, endDate: t.end_date, team: t.team_name,
      leader: !!person.accountId && t.leader_account_id === person.accountId,
    })),
    visits: visits.map((v) => ({ id: v.id, visitDate: v.visit_date, status: v.status, task: v.task_title, place: v.unit_name ?? v.region_name ?? '' })),
  };
}
