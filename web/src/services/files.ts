import { request } from './client';

export type FileEntityType = 'unit' | 'accountability_step';

export interface AttachedFile {
  id: string;
  name: string;
  size: number;
  mime: string;
  createdAt: string;
  uploadedBy: string | null;
}

export const filesApi = {
  /** The server reads the fields before the file, so their order in the form matters. */
  upload: (entityType: FileEntityType, entityId: string, file: File) => {
    const form = new FormData();
    form.append('entityType', entityType);
    form.append('entityId', entityId);
    form.append('file', file);
    return request<AttachedFile>('POST', '/api/files', { body: form });
  },
  contentUrl: (id: string) => `/api/files/${encodeURIComponent(id)}/content`,
};
