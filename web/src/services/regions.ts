import { api, request, withQuery, type Page, type PageQuery } from './client';

export const regionLevels = ['province', 'city', 'county', 'township', 'village', 'zone'] as const;
export type RegionLevel = (typeof regionLevels)[number];

export interface RegionNode {
  id: string;
  code: string;
  name: string;
  level: RegionLevel;
  parentId: string | null;
  active: boolean;
  hasChildren: boolean;
}

export interface RegionRef {
  id: string;
  name: string;
  code: string;
}

export interface Region extends Omit<RegionNode, 'hasChildren'> {
  ancestors: RegionRef[];
  unitCount: number;
  abilities: { update: boolean; createChild: boolean };
}

export interface RegionListQuery extends PageQuery {
  q?: string;
  level?: RegionLevel;
  parentId?: string;
  active?: boolean;
}

export interface RegionCreate {
  code: string;
  name: string;
  level: RegionLevel;
  parentId: string;
}

export interface RegionPatch {
  name?: string;
  code?: string;
  active?: boolean;
}

export const regionsApi = {
  children: (parentId?: string) => api.get<RegionNode[]>('/api/regions/children', { parentId }),
  list: (query: RegionListQuery) => api.get<Page<RegionNode>>('/api/regions', { ...query }),
  get: (id: string) => api.get<Region>(`/api/regions/${encodeURIComponent(id)}`),
  create: (input: RegionCreate) => api.post<Region>('/api/regions', input),
  update: (id: string, patch: RegionPatch) => api.patch<Region>(`/api/regions/${encodeURIComponent(id)}`, patch),
  import: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<{ imported: number }>('POST', '/api/regions/import', { body: form });
  },
  importTemplateUrl: '/api/regions/import-template',
  exportUrl: (query: Omit<RegionListQuery, 'page' | 'pageSize'>) => withQuery('/api/regions/export', { ...query }),
};
