import type { Role, UserRole } from './coaching-store.js';
import type { SqlSession } from './sql-client.js';

/** Sets a user's role, replacing an earlier one. */
export async function upsertRole(db: SqlSession, tenantId: string, userId: string, role: Role): Promise<void> {
  await db.query(
    `INSERT INTO user_roles (tenant_id, user_id, role) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = excluded.role`,
    [tenantId, userId, role],
  );
}

export async function selectRole(db: SqlSession, tenantId: string, userId: string): Promise<Role | null> {
  const rows = await db.query<{ role: Role }>('SELECT role FROM user_roles WHERE tenant_id = $1 AND user_id = $2', [
    tenantId,
    userId,
  ]);
  return rows[0]?.role ?? null;
}

/** Every user given a role, by user id in byte order (the same on every server). */
export async function selectRoles(db: SqlSession, tenantId: string): Promise<UserRole[]> {
  return db.query<UserRole>(
    `SELECT user_id AS "userId", role FROM user_roles WHERE tenant_id = $1 ORDER BY user_id COLLATE "C"`,
    [tenantId],
  );
}
