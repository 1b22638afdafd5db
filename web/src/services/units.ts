import { api, request, withQuery, type Page, type PageQuery } from './client';
import type { AttachedFile } from './files';
import type { RegionRef } from './regions';

export const unitKinds = [
  'government', 'education_bureau', 'member_unit', 'supervision_office', 'school', 'kindergarten', 'training_institution',
] as const;
export type UnitKind = (typeof unitKinds)[number];

export const stages = [
  'preschool', 'primary', 'junior', 'nine_year', 'senior', 'complete_secondary', 'twelve_year', 'secondary_vocational',
  'special', 'teaching_point',
] as const;
export type Stage = (typeof stages)[number];

export const ownerships = ['public', 'private'] as const;
export type Ownership = (typeof ownerships)[number];

export interface UnitInput {
  name: string;
  kind: UnitKind;
  regionId: string;
  schoolCode?: string | null;
  stage?: Stage | null;
  ownership?: Ownership | null;
  enrolment?: number | null;
  staffCount?: number | null;
  address?: string | null;
  contactPhone?: string | null;
}

/** List rows show the contact phone only masked. */
export interface UnitListItem extends Omit<Required<UnitInput>, 'contactPhone'> {
  id: string;
  region: RegionRef;
  contactPhoneMasked: string | null;
  active: boolean;
  updatedAt: string;
}

export interface Unit extends UnitListItem {
  contactPhone: string | null;
  abilities: { update: boolean; deactivate: boolean; uploadFile: boolean };
}

export interface UnitFilters {
  q?: string;
  kind?: UnitKind;
  regionId?: string;
  stage?: Stage;
  ownership?: Ownership;
  active?: boolean;
}

export type UnitListQuery = UnitFilters & PageQuery;

const unitPath = (id: string) => `/api/units/${encodeURIComponent(id)}`;

export const unitsApi = {
  list: (query: UnitListQuery) => api.get<Page<UnitListItem>>('/api/units', { ...query }),
  get: (id: string) => api.get<Unit>(unitPath(id)),
  create: (input: UnitInput) => api.post<Unit>('/api/units', input),
  update: (id: string, patch: Partial<UnitInput>) => api.patch<Unit>(unitPath(id), patch),
  deactivate: (id: string) => api.post<Unit>(`${unitPath(id)}/deactivate`),
  activate: (id: string) => api.post<Unit>(`${unitPath(id)}/activate`),
  files: (id: string) => api.get<AttachedFile[]>(`${unitPath(id)}/files`),
  import: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<{ imported: number }>('POST', '/api/units/import', { body: form });
  },
  importTemplateUrl: '/api/units/import-template',
  exportUrl: (query: UnitFilters & Pick<PageQuery, 'sort' | 'order'>) => withQuery('/api/units/export', { ...query }),
};
