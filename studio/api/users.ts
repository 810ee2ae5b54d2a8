/** @module HTTP client of the user administration endpoints (/api/users). */
import type { GetApiUsersResponse, PostApiUsersBody, PostApiUsersResponse } from './types.gen.ts';
import { request } from './http.ts';

/** Roles a person can be given from the studio (the `plugin` role belongs to plugin accounts). */
export const ASSIGNABLE_ROLES = ['admin', 'dispatcher', 'supervisor', 'unit', 'reviewer', 'auditor'] as const;

/** A user as administrators see it. */
export type AdminUser = GetApiUsersResponse[number];

/** A user with the generated one-time password (shown once). */
export type UserWithPassword = PostApiUsersResponse;

/** Body of `POST /api/users`. */
export type CreateUserInput = PostApiUsersBody;

const userPath = (id: string, action: string): string => `/api/users/${encodeURIComponent(id)}/${action}`;

/** The user endpoints the studio uses. */
export const usersApi = {
  list: (filter: { unitId?: string; role?: string } = {}): Promise<AdminUser[]> => {
    const query = new URLSearchParams();
    if (filter.unitId) query.set('unitId', filter.unitId);
    if (filter.role) query.set('role', filter.role);
    const suffix = query.toString();
    return request<AdminUser[]>('GET', `/api/users${suffix ? `?${suffix}` : ''}`);
  },
  create: (input: CreateUserInput): Promise<UserWithPassword> => request('POST', '/api/users', input),
  disable: (id: string): Promise<AdminUser> => request('POST', userPath(id, 'disable')),
  enable: (id: string): Promise<AdminUser> => request('POST', userPath(id, 'enable')),
  resetPassword: (id: string): Promise<UserWithPassword> => request('POST', userPath(id, 'reset-password')),
};
