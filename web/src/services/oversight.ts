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
