import { api, request, type Page, type PageQuery } from './client';
import type { Grade, Light, RectificationStatus } from './rectification';

interface Ref { id: string; name: string }

/** Live items by where they stand today: the three lights of owed items, then the office's queue. */
export interface LightCounts { green: number; yellow: number; red: number; submitted: number; verified: number; signedOff: number; total: number }
export const overviewSorts = ['red', 'yellow', 'green', 'submitted', 'verified', 'signedOff', 'total', 'name'] as const;
export type OverviewSort = (typeof overviewSorts)[number];
export interface Overview {
  today: string;
  yellowDays: number;
  region: Ref | null;
  totals: LightCounts;
  regions: { region: Ref; self: boolean; counts: LightCounts }[];
  units: Page<{ unit: Ref; region: Ref; counts: LightCounts }>;
}

export interface ItemFigures {
  total: number; open: number; overdue: number; submitted: number; verified: number; signedOff: number; counted: number; onTime: number; onTimeRate: number | null;
}
export interface YearFigures {
  year: number; today: string; region: Ref | null; notices: number;
  noticesByType: { typeKey: string; name: string; count: number }[];
  items: ItemFigures;
  regions: { region: Ref; self: boolean; notices: number; items: ItemFigures }[];
}

export interface RankingRow {
  rank: number | null; unit: Ref; region: Ref; items: number; counted: number; onTime: number; onTimeRate: number | null;
  grades: Record<Grade, number>; gradeScore: number | null; score: number | null;
}
export interface Ranking { year: number; region: Ref | null; ranked: number; items: RankingRow[] }

export const accountabilityKinds = ['criticism', 'interview', 'written_inspection', 'accountability_proposal', 'assessment_deduction'] as const;
export type AccountabilityKind = (typeof accountabilityKinds)[number];
export interface Measure {
  id: string; unit: Ref; office: Ref; kind: AccountabilityKind; kindName: string; reason: string; decidedOn: string;
  notice: { id: string; docNumber: string | null; title: string } | null; rectification: { id: string; demand: string } | null; createdBy: string; createdAt: string;
}
export interface MeasureInput { unitId: string; kind: AccountabilityKind; reason: string; decidedOn: string; noticeId?: string | null; rectificationId?: string | null }

export interface FilingFile { id: string; name: string; mime: string; size: number; url: string }
export interface Filing {
  id: string; noticeId: string; filedWith: string; filedOn: string; referenceNo: string | null; note: string | null; createdBy: string; createdAt: string; files: FilingFile[];
}
export interface FilingNotice {
  notice: { id: string; docNumber: string | null; title: string; typeKey: string; typeName: string; issuerName: string; issueDate: string | null; status: string };
  rectifications: { total: number; signedOff: number };
  filed: boolean;
  filings: Filing[];
  abilities: { file: boolean };
}
export interface FilingInput { noticeId: string; filedWith: string; filedOn: string; referenceNo?: string | null; note?: string | null }

export interface ClearanceTotals { problems: number; cleared: number; notCleared: number }
export interface ClearanceSummary { id: string; title: string; region: Ref; createdBy: string; createdAt: string; totals: ClearanceTotals }
export interface ClearanceItem {
  id: string; status: RectificationStatus; light: Light; deadline: string; unit: Ref; signedOffAt: string | null; grade: Grade | null;
  verification: { method: 'documents' | 'on_site'; verifiedAt: string; verifiedBy: string | null; note: string | null; visitId: string | null } | null;
}
export interface ClearanceProblem {
  id: string; description: string; areaName: string; severity: 'low' | 'medium' | 'high'; status: 'open' | 'rectifying' | 'closed';
  unit: Ref | null; region: Ref; foundOn: string; cleared: boolean; rectifications: ClearanceItem[];
}
export interface ClearanceList extends ClearanceSummary { problems: ClearanceProblem[]; abilities: { addProblems: boolean } }

export const caseStatuses = [
  'proposed', 'investigating', 'notified', 'heard', 'opinion', 'approved', 'decided', 'under_review', 'reviewed', 'under_appeal', 'correcting', 'closed', 'dropped',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export type CaseAction =
  | 'open' | 'investigate' | 'drop' | 'notify' | 'state' | 'hear' | 'opinion' | 'approve' | 'return' | 'decide' | 'publish'
  | 'requestReview' | 'decideReview' | 'requestAppeal' | 'decideAppeal' | 'correct';
export type CaseSourceKind = 'task' | 'notice' | 'problem' | 'rectification';
export type PublicationScope = 'object' | 'system' | 'public';
export interface CaseSummary {
  id: string; title: string; status: CaseStatus; statusName: string; unit: Ref; office: Ref;
  source: { kind: CaseSourceKind; id: string; label: string; endedOn: string };
  deadlines: {
    open: string; statement: string | null; reviewRequest: string | null; reviewDecision: string | null;
    appealRequest: string | null; appealDecision: string | null; correction: string | null;
  };
  due: { key: string; name: string; date: string; daysLeft: number; state: 'ok' | 'warning' | 'overdue' } | null;
  decision: {
    facts: string; basis: string; measureKind: AccountabilityKind | null; measureName: string | null; effectiveOn: string; decidedOn: string;
    docNumber: string | null; measureId: string | null;
  } | null;
  publication: { scope: PublicationScope; publishedOn: string } | null;
  recentEvents: number; heavier: boolean; createdBy: string; createdAt: string;
}
export interface CaseStep {
  id: string; action: CaseAction; actionName: string; fromStatus: CaseStatus | null; toStatus: CaseStatus; on: string; text: string;
  detail: Record<string, unknown> | null; actor: string; at: string; files: { id: string; name: string; size: number; mime: string }[]; attachable: boolean;
}
export interface CaseDetail extends CaseSummary { steps: CaseStep[]; abilities: { actions: CaseAction[]; document: boolean } }
export interface AccountabilitySettings { statementWorkingDays: number; warnDays: number }
/** Which route takes an action: the office's (and the appeal body's), the approver's, the object's. */
export const approvalActions: readonly CaseAction[] = ['approve', 'return'];
export const responseActions: readonly CaseAction[] = ['state', 'requestReview', 'requestAppeal'];

const enc = encodeURIComponent;

export const oversightApi = {
  overview: (query: { regionId?: string; q?: string; sort?: OverviewSort } & PageQuery) => api.get<Overview>('/api/rectification-overview', { ...query }),
  figures: (query: { year: number; regionId?: string }) => api.get<YearFigures>('/api/rectification-figures', { ...query }),
  ranking: (query: { year: number; regionId?: string; bottom?: number }) => api.get<Ranking>('/api/rectification-ranking', { ...query }),
  rankingBulletin: (body: { year: number; bottom: number; regionId?: string }) => api.post<{ noticeId: string }>('/api/rectification-ranking/bulletin', body),
  escalate: (body: { kind: 'bulletin' | 'interview'; rectificationIds: string[]; title?: string; interviewOn?: string; interviewPlace?: string }) =>
    api.post<{ noticeId: string }>('/api/escalations', body),
  measures: (query: { unitId?: string; kind?: AccountabilityKind; year?: number } & PageQuery) => api.get<Page<Measure>>('/api/accountability', { ...query }),
  recordMeasure: (body: MeasureInput) => api.post<Measure>('/api/accountability', body),
  cases: (query: { status?: CaseStatus; unitId?: string; due?: 'warning' | 'overdue'; q?: string } & PageQuery) =>
    api.get<Page<CaseSummary>>('/api/accountability-cases', { ...query }),
  accountabilityCase: (id: string) => api.get<CaseDetail>(`/api/accountability-cases/${enc(id)}`),
  proposeCase: (body: { unitId: string; title: string; sourceKind: CaseSourceKind; sourceId: string }) => api.post<CaseDetail>('/api/accountability-cases', body),
  caseStep: (id: string, body: { action: CaseAction } & Record<string, unknown>) => {
    const route = approvalActions.includes(body.action) ? 'approval' : responseActions.includes(body.action) ? 'responses' : 'actions';
    return api.post<CaseDetail>(`/api/accountability-cases/${enc(id)}/${route}`, body);
  },
  accountabilitySettings: () => api.get<AccountabilitySettings>('/api/settings/accountability'),
  updateAccountabilitySettings: (body: AccountabilitySettings) => api.put<AccountabilitySettings>('/api/settings/accountability', body),
  decisionUrl: (id: string, format: 'docx' | 'pdf') => `/api/accountability-cases/${enc(id)}/decision.${format}`,
  filings: (query: { filed?: 'true' | 'false'; year?: number; q?: string } & PageQuery) => api.get<Page<FilingNotice>>('/api/filings', { ...query }),
  recordFiling: (body: FilingInput) => api.post<Filing>('/api/filings', body),
  attachToFiling: (filingId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<FilingFile>('POST', `/api/filings/${enc(filingId)}/files`, { body: form });
  },
  clearanceLists: (query: { q?: string } & PageQuery) => api.get<Page<ClearanceSummary>>('/api/clearance-lists', { ...query }),
  clearanceList: (id: string) => api.get<ClearanceList>(`/api/clearance-lists/${enc(id)}`),
  createClearanceList: (body: { title: string; problemIds: string[] }) => api.post<ClearanceList>('/api/clearance-lists', body),
  addClearanceProblems: (id: string, problemIds: string[]) => api.post<ClearanceList>(`/api/clearance-lists/${enc(id)}/problems`, { problemIds }),
};
