/** Name of the browser session cookie (HttpOnly, SameSite=Strict). */
export const SESSION_COOKIE = 'vigil_session';
