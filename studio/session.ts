/** @module The signed-in user, shared by the shell and pages. */
import { createSignal } from 'solid-js';
import type { User } from './api/http.ts';

const [user, setUser] = createSignal<User | null>(null);

/** The current user (null when signed out), reactive. */
export { setUser, user };
