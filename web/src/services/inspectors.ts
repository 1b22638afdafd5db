import type { Participation } from './supervision';
import { api, request, withQuery, type Page, type PageQuery } from './client';
import type { RegionRef } from './regions';

export const inspectorLevels = ['national', 'provincial', 'city', 'county'] as const;
export type InspectorLevel = (typeof inspectorLevels)[number];
export const employments = ['full_time', 'part_time'] as const;
export type Employment = (typeof employments)[number];
export const inspectorStatuses = ['pending', 'serving', 'expired', 'dismissed'] as const;
export type InspectorStatus = (typeof inspectorStatuses)[number];
export const grades = ['excellent', 'qualified', 'basically_qualified', 'unqualified'] as const;
export type Grade = (typeof grades)[number];
export const rewardKinds = ['reward', 'penalty'] as const;
export type RewardKind = (typeof rewardKinds)[number];
export const routineItems = ['school_affairs', 'admissions_fees', 'curriculum', 'student_load', 'teacher_ethics', 'safety', 'canteen_hygiene', 'ethos'] as const;
export type RoutineItem = (typeof routineItems)[number];
export const visitMethods = ['class_observation', 'document_review', 'meetings', 'interviews', 'questionnaire', 'campus_patrol', 'unannounced'] as const;
export type VisitMethod = (typeof visitMethods)[number];

export interface Term {
  id: string;
  inspectorId: string;
  termNumber: number;
  authority: string;
  startDate: string;
  endDate: string;
  certificateNo: string | null;
}

export interface InspectorInput {
  name: string;
  gender?: 'male' | 'female' | null;
  idNumber?: string | null;
  phone?: string | null;
  level: InspectorLevel;
  employment: Employment;
  employer?: string | null;
  jobTitle?: string | null;
  specialties: string[];
  qualifications?: string | null;
  regionId: string;
  recommendedLevel?: InspectorLevel | null;
  recommendedOn?: string | null;
}

export interface InspectorListItem {
  id: string;
  name: string;
  gender: 'male' | 'female' | null;
  level: InspectorLevel;
  employment: Employment;
  employer: string | null;
  jobTitle: string | null;
  specialties: string[];
  phoneMasked: string | null;
  idNumberMasked: string | null;
  region: RegionRef;
  status: InspectorStatus;
  currentTerm: Term | null;
  recommendedLevel: InspectorLevel | null;
  recommendedOn: string | null;
  updatedAt: string;
}

export interface Inspector extends InspectorListItem {
  accountId: string | null;
  qualifications: string | null;
  dismissedOn: string | null;
  dismissalReason: string | null;
  terms: Term[];
  assessments: { id: string; year: number; grade: Grade; remarks: string | null }[];
  rewards: { id: string; kind: RewardKind; date: string; title: string; issuer: string | null; remarks: string | null }[];
  trainings: { id: string; date: string; topic: string; hours: number; organizer: string | null }[];
  trainingHoursByYear: { year: number; hours: number; enough: boolean }[];
  supervision: Participation;
  abilities: { update: boolean; dismiss: boolean; readPersonal: boolean; certificate: boolean };
}

export interface InspectorFilters {
  q?: string;
  level?: InspectorLevel;
  employment?: Employment;
  status?: InspectorStatus;
  regionId?: string;
  termNumber?: number;
  specialty?: string;
}

export interface TermInput {
  termNumber: number;
  authority: string;
  startDate: string;
  endDate: string;
  certificateNo?: string | null;
}

export interface ExpiringTerm {
  inspectorId: string;
  name: string;
  level: InspectorLevel;
  employment: Employment;
  region: RegionRef;
  term: Term;
  daysLeft: number;
}

export interface TrainingTotal {
  inspectorId: string;
  name: string;
  level: InspectorLevel;
  hours: number;
  enough: boolean;
}

export interface Assignment {
  id: string;
  unit: { id: string; name: string; kind: string; regionName: string };
  inspector: { id: string; name: string };
  startDate: string;
  lastVisit: string | null;
}

export interface Visit {
  id: string;
  unit: { id: string; name: string };
  inspector: { id: string; name: string };
  date: string;
  items: RoutineItem[];
  methods: VisitMethod[];
  findings: string | null;
  feedbackGiven: boolean;
  createdAt: string;
}

export interface VisitInput {
  unitId: string;
  date: string;
  items: RoutineItem[];
  methods: VisitMethod[];
  findings?: string | null;
  feedbackGiven: boolean;
}

/** The answer to an assignment: `warning` (in the user's language) when the inspector is now above the guideline. */
export interface AssignResult { assigned: number; replaced: number; schools: number; guideline: number; warning: string | null }

export interface InspectorLoad {
  inspector: { id: string; name: string };
  schools: number;
  overGuideline: boolean;
}

export interface ResponsibleSettings { schoolsPerInspector: number }

export interface Behind {
  inspector: { id: string; name: string };
  schools: number;
  visited: number;
  notVisited: { id: string; name: string }[];
}

const path = (id: string) => `/api/inspectors/${encodeURIComponent(id)}`;

export const inspectorsApi = {
  list: (query: InspectorFilters & PageQuery) => api.get<Page<InspectorListItem>>('/api/inspectors', { ...query }),
  get: (id: string) => api.get<Inspector>(path(id)),
  create: (input: InspectorInput) => api.post<Inspector>('/api/inspectors', input),
  update: (id: string, patch: Partial<InspectorInput>) => api.patch<Inspector>(path(id), patch),
  dismiss: (id: string, body: { dismissedOn: string; reason: string }) => api.post<Inspector>(`${path(id)}/dismiss`, body),
  personal: (id: string) => api.post<{ phone: string | null; idNumber: string | null }>(`${path(id)}/personal`),
  addTerm: (id: string, input: TermInput) => api.post<Term>(`${path(id)}/terms`, input),
  addAssessment: (id: string, input: { year: number; grade: Grade; remarks?: string | null }) => api.post(`${path(id)}/assessments`, input),
  addReward: (id: string, input: { kind: RewardKind; date: string; title: string; issuer?: string | null }) => api.post(`${path(id)}/rewards`, input),
  addTraining: (id: string, input: { date: string; topic: string; hours: number; organizer?: string | null }) => api.post(`${path(id)}/trainings`, input),
  certificateUrl: (id: string, termId: string) => `${path(id)}/terms/${encodeURIComponent(termId)}/certificate.pdf`,
  appointmentListUrl: (query: { termNumber: number; level: InspectorLevel; regionId?: string }) => withQuery('/api/inspectors/appointment-list.pdf', { ...query }),
  expiring: (query: { days: number } & PageQuery) => api.get<Page<ExpiringTerm>>('/api/inspectors/expiring', { ...query }),
  trainingSummary: (query: { year: number; below?: boolean } & PageQuery) => api.get<Page<TrainingTotal>>('/api/inspectors/training-summary', { ...query }),
  expiringExportUrl: (days: number) => withQuery('/api/inspectors/expiring/export', { days }),
  trainingExportUrl: (year: number, below?: boolean) => withQuery('/api/inspectors/training-summary/export', { year, below }),
  import: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<{ imported: number }>('POST', '/api/inspectors/import', { body: form });
  },
  importTemplateUrl: '/api/inspectors/import-template',
  exportUrl: (query: InspectorFilters & Pick<PageQuery, 'sort' | 'order'>) => withQuery('/api/inspectors/export', { ...query }),
};

export const responsibleApi = {
  assignments: (query: { inspectorId?: string; q?: string } & PageQuery) => api.get<Page<Assignment>>('/api/responsible/assignments', { ...query }),
  assign: (body: { inspectorId: string; unitIds: string[]; startDate: string }) => api.post<AssignResult>('/api/responsible/assignments', body),
  loads: (query: { q?: string; over?: boolean } & PageQuery) => api.get<Page<InspectorLoad> & { guideline: number }>('/api/responsible/inspectors', { ...query }),
  settings: () => api.get<ResponsibleSettings>('/api/settings/responsible'),
  updateSettings: (body: ResponsibleSettings) => api.put<ResponsibleSettings>('/api/settings/responsible', body),
  unassigned: (query: { q?: string; kind?: 'school' | 'kindergarten' } & PageQuery) => api.get<Page<{ id: string; name: string; kind: string; regionName: string }>>('/api/responsible/unassigned', { ...query }),
  behind: (query: { month: string } & PageQuery) => api.get<Page<Behind>>('/api/responsible/behind', { ...query }),
  visits: (query: { unitId?: string; inspectorId?: string; from?: string; to?: string } & PageQuery) => api.get<Page<Visit>>('/api/responsible/visits', { ...query }),
  recordVisit: (input: VisitInput) => api.post<Visit>('/api/responsible/visits', input),
  exportUrl: (list: 'assignments' | 'unassigned' | 'behind' | 'visits', query: Record<string, string | undefined> = {}) => withQuery(`/api/responsible/${list}/export`, query),
};
