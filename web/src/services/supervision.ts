import { api, request, withQuery, type Page, type PageQuery } from './client';

export const taskKinds = ['routine', 'key_project', 'campaign', 'special', 'duty_evaluation', 'responsible_routine'] as const;
export type TaskKind = (typeof taskKinds)[number];
export const taskStatuses = ['planned', 'under_way', 'reporting', 'closed'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export const severities = ['low', 'medium', 'high'] as const;
export type Severity = (typeof severities)[number];
export const problemSources = ['visit', 'evaluation', 'higher_feedback', 'complaint', 'data_signal', 'self_report'] as const;
export type ProblemSource = (typeof problemSources)[number];
export const interviewGroups = ['cadres', 'teachers', 'students', 'parents', 'deputies'] as const;
export type InterviewGroup = (typeof interviewGroups)[number];

interface Ref { id: string; name: string }

export interface Plan { id: string; year: number; title: string; description: string | null; region: Ref; taskCount: number; updatedAt: string }
export interface TaskListItem {
  id: string; planId: string; planTitle: string; kind: TaskKind; title: string; region: Ref; startDate: string; endDate: string; rounds: number;
  status: TaskStatus; lead: Ref | null; targetCount: number; visitedCount: number; updatedAt: string;
}
export interface TeamPerson { kind: 'inspector' | 'expert'; id: string; name: string }
export interface Team { id: string; name: string; leader: Ref; members: (Ref & { role: 'leader' | 'member' })[]; people: TeamPerson[]; targetCount: number }
export interface TeamBody { name?: string; leaderAccountId?: string; memberAccountIds?: string[]; inspectorIds?: string[]; expertIds?: string[] }
/** A person's part in supervision work (inspector and expert pages). */
export interface Participation {
  tasks: { id: string; title: string; kind: TaskKind; status: TaskStatus; startDate: string; endDate: string; team: string; leader: boolean }[];
  visits: { id: string; visitDate: string; status: string; task: string; place: string }[];
}
export interface Task extends TaskListItem {
  basis: { title: string; docNo: string | null }[]; description: string | null; checklist: { id: string; title: string; version: number } | null;
  nextStatuses: TaskStatus[]; teams: Team[]; myTeamIds: string[];
  abilities: { update: boolean; transition: boolean; manageTeams: boolean; recordVisit: boolean };
}
export interface Target {
  id: string; taskId: string; kind: 'unit' | 'region'; unit: (Ref & { kind: string }) | null; region: Ref; team: Ref | null;
  visitCount: number; lastVisitDate: string | null; openProblems: number;
}
export interface MyTarget extends Target { task: { id: string; title: string; startDate: string; endDate: string; rounds: number } }
export interface Figures {
  targets: { unitsPlanned: number; unitsVisited: number; schoolsVisited: number; townshipsPlanned: number; townshipsVisited: number };
  visits: number; meetings: number; interviewed: Record<InterviewGroup | 'total', number>;
  problemsByArea: { area: string; nameZh: string; nameEn: string; count: number }[]; problems: number; recommendations: number; tasks?: number;
}
export interface ChecklistItem {
  key: string; area: string; text: string; type: 'yesno' | 'score' | 'number' | 'text'; min?: number; max?: number; passScore?: number;
  failBelow?: number; failAbove?: number; unit?: string; photoRequired: boolean; guidance?: string;
}
export interface ChecklistListItem { id: string; code: string; version: number; title: string; description: string | null; builtIn: boolean; superseded: boolean; itemCount: number; areas: string[]; createdAt: string }
export interface ChecklistInput { title: string; description?: string | null; items: ChecklistItem[] }
export interface Checklist extends ChecklistListItem { items: ChecklistItem[]; versions: { id: string; version: number; createdAt: string }[]; abilities: { revise: boolean } }

export interface Activities {
  reportsHeard: number; dataVerified: boolean; documentsChecked: string[];
  meetings: { topic: string; participants?: string | null; attendees: number }[];
  interviews: Partial<Record<InterviewGroup, number>>; notes?: string | null;
}
export interface Evidence {
  id: string; itemKey: string | null; clientKey: string; name: string; mime: string; size: number; capturedAt: string | null;
  latitude: number | null; longitude: number | null; createdAt: string; url: string;
}
export interface VisitListItem {
  id: string; task: { id: string; title: string }; targetId: string; targetName: string; targetKind: 'unit' | 'region'; unit: Ref | null; region: Ref;
  team: Ref | null; round: number; visitDate: string; status: 'draft' | 'submitted'; recordedBy: Ref; meetingsCount: number; interviewedCount: number;
  failingCount: number; submittedAt: string | null; updatedAt: string;
}
export type Answer = { value: string | number; note?: string | null };
export interface Visit extends VisitListItem {
  activities: Activities; findings: string | null; taskPeriod: { startDate: string; endDate: string; rounds: number };
  checklist: { id: string; title: string; version: number; items: ChecklistItem[] } | null;
  answers: Record<string, { value: string | number; failing: boolean; note: string | null }>;
  evidence: Evidence[];
  problems: { id: string; itemKey: string | null; description: string; area: string; severity: Severity; deadline: string | null; recurringOfId: string | null }[];
  recommendations: { id: string; area: string; content: string }[];
  abilities: { edit: boolean; submit: boolean; convert: boolean };
}
export interface VisitDraft { visitDate?: string; round?: number; activities?: Activities; answers?: Record<string, Answer>; findings?: string | null }
export interface Packet {
  target: { id: string; name: string; kind: 'unit' | 'region'; region: Ref; unitKind: string | null; address: string | null };
  openProblems: { id: string; description: string; area: string; areaName: string; severity: Severity; foundOn: string; deadline: string | null; overdue: boolean; source: string }[];
  complaints: { id: string; description: string; foundOn: string; status: string }[];
  lastVisits: { id: string; visitDate: string; taskTitle: string; failingCount: number; problemCount: number; findings: string | null }[];
}
export interface Area { key: string; nameZh: string; nameEn: string; sort: number; active: boolean }
export interface ProblemListItem {
  id: string; source: ProblemSource; area: string; areaName: string; severity: Severity; status: 'open' | 'rectifying' | 'closed'; region: Ref; unit: Ref | null;
  task: { id: string; title: string } | null; visitId: string | null; itemKey: string | null; description: string; foundBy: string; foundOn: string;
  deadline: string | null; recurringOfId: string | null; updatedAt: string;
}
export interface Problem extends ProblemListItem {
  itemText: string | null;
  evidence: Omit<Evidence, 'itemKey' | 'clientKey'>[];
  recurringOf: { id: string; foundOn: string; description: string } | null;
  laterOccurrences: { id: string; foundOn: string }[];
  abilities: { update: boolean; uploadFile: boolean };
}
export interface ProblemFilters {
  q?: string; source?: ProblemSource; area?: string; severity?: Severity; status?: 'open' | 'rectifying' | 'closed'; regionId?: string; unitId?: string;
  taskId?: string; visitId?: string; from?: string; to?: string; recurring?: 'true' | 'false';
}
export interface ProblemInput {
  source: Exclude<ProblemSource, 'visit'>; area: string; severity: Severity; unitId?: string | null; regionId?: string | null; taskId?: string | null;
  description: string; foundBy?: string | null; foundOn: string; deadline?: string | null;
}
export interface ProblemUpdate { area?: string; severity?: Severity; description?: string; foundBy?: string; deadline?: string | null }
export interface Recommendation { id: string; area: string; areaName: string; region: Ref; unit: Ref | null; task: { id: string; title: string } | null; visitId: string | null; content: string; proposedBy: string; proposedOn: string }

const enc = encodeURIComponent;

export const tasksApi = {
  plans: (query: PageQuery & { q?: string; year?: number }) => api.get<Page<Plan>>('/api/plans', { ...query }),
  createPlan: (body: { regionId: string; year: number; title: string }) => api.post<Plan>('/api/plans', body),
  list: (query: PageQuery & { q?: string; kind?: string; status?: string; planId?: string; year?: number; mine?: string }) => api.get<Page<TaskListItem>>('/api/tasks', { ...query }),
  get: (id: string) => api.get<Task>(`/api/tasks/${enc(id)}`),
  create: (body: Record<string, unknown>) => api.post<Task>('/api/tasks', body),
  transition: (id: string, status: TaskStatus) => api.post<Task>(`/api/tasks/${enc(id)}/transition`, { status }),
  createTeam: (id: string, body: TeamBody & { name: string; leaderAccountId: string }) => api.post<Task>(`/api/tasks/${enc(id)}/teams`, body),
  updateTeam: (id: string, teamId: string, body: TeamBody) => api.patch<Task>(`/api/tasks/${enc(id)}/teams/${enc(teamId)}`, body),
  targets: (id: string, query: PageQuery & { teamId?: string; kind?: string; visited?: string; schools?: string; mine?: string; q?: string }) => api.get<Page<Target>>(`/api/tasks/${enc(id)}/targets`, { ...query }),
  addTargets: (id: string, body: { teamId?: string | null; unitIds: string[]; regionIds: string[] }) => api.post<{ added: number }>(`/api/tasks/${enc(id)}/targets`, body),
  assign: (id: string, targetId: string, teamId: string | null) => api.patch<Target>(`/api/tasks/${enc(id)}/targets/${enc(targetId)}`, { teamId }),
  figures: (id: string) => api.get<Figures>(`/api/tasks/${enc(id)}/figures`),
  periodFigures: (query: { from: string; to: string; regionId?: string }) => api.get<Figures>('/api/tasks/figures', query),
  myTargets: (query: PageQuery & { q?: string }) => api.get<Page<MyTarget>>('/api/tasks/my-targets', { ...query }),
  packet: (taskId: string, targetId: string) => api.get<Packet>(`/api/tasks/${enc(taskId)}/targets/${enc(targetId)}/packet`),
};

export const checklistsApi = {
  list: (query: PageQuery & { q?: string; includeSuperseded?: string }) => api.get<Page<ChecklistListItem>>('/api/checklists', { ...query }),
  get: (id: string) => api.get<Checklist>(`/api/checklists/${enc(id)}`),
  create: (body: ChecklistInput & { regionId: string }) => api.post<Checklist>('/api/checklists', body),
  /** A new version of the latest one; the old version stays as it was. */
  revise: (id: string, body: ChecklistInput) => api.post<Checklist>(`/api/checklists/${enc(id)}/versions`, body),
};

export const visitsApi = {
  list: (query: PageQuery & { taskId?: string; targetId?: string; status?: string; from?: string; to?: string; mine?: string }) => api.get<Page<VisitListItem>>('/api/visits', { ...query }),
  get: (id: string) => api.get<Visit>(`/api/visits/${enc(id)}`),
  /** `id`: chosen by the phone, so a start sent again (after a lost answer, or offline) makes one visit. */
  create: (body: { id?: string; taskId: string; targetId: string; visitDate: string; round: number }) => api.post<Visit>('/api/visits', body),
  save: (id: string, draft: VisitDraft) => api.put<Visit>(`/api/visits/${enc(id)}`, draft),
  submit: (id: string) => api.post<Visit>(`/api/visits/${enc(id)}/submit`),
  /** Fields go before the file: the server reads them first. The client key makes a retried upload land once. */
  upload: (id: string, clientKey: string, itemKey: string | null, file: Blob, name: string) => {
    const form = new FormData();
    form.append('clientKey', clientKey);
    if (itemKey) form.append('itemKey', itemKey);
    form.append('file', file, name);
    return request<Evidence>('POST', `/api/visits/${enc(id)}/evidence`, { body: form });
  },
  removeEvidence: (id: string, evidenceId: string) => request<void>('DELETE', `/api/visits/${enc(id)}/evidence/${enc(evidenceId)}`),
  toProblem: (id: string, body: { itemKey?: string | null; area: string; severity: Severity; description?: string; deadline?: string | null }) =>
    api.post<{ id: string; recurringOfId: string | null }>(`/api/visits/${enc(id)}/problems`, body),
  recommend: (id: string, body: { area: string; content: string }) => api.post<{ id: string }>(`/api/visits/${enc(id)}/recommendations`, body),
  feedbackUrl: (id: string) => `/api/visits/${enc(id)}/feedback.pdf`,
};

export const problemsApi = {
  areas: () => api.get<Area[]>('/api/problem-areas'),
  list: (query: ProblemFilters & PageQuery) => api.get<Page<ProblemListItem>>('/api/problems', { ...query }),
  get: (id: string) => api.get<Problem>(`/api/problems/${enc(id)}`),
  create: (body: ProblemInput) => api.post<Problem>('/api/problems', body),
  update: (id: string, body: ProblemUpdate) => api.patch<Problem>(`/api/problems/${enc(id)}`, body),
  exportUrl: (query: ProblemFilters & Pick<PageQuery, 'sort' | 'order'>) => withQuery('/api/problems/export', { ...query }),
  importTemplateUrl: '/api/problems/import-template',
  import: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<{ imported: number }>('POST', '/api/problems/import', { body: form });
  },
  recommendations: (query: PageQuery & { taskId?: string; area?: string; from?: string; to?: string }) => api.get<Page<Recommendation>>('/api/recommendations', { ...query }),
};
