import { Inject, Injectable } from '@nestjs/common';
import type { Db } from '@cacscreen/db';
import { generateApiKey, hashApiKey, KEY_PREFIX_LENGTH } from '../auth/api-key.secret';
import { ROLES, Role } from '../auth/roles';
import type { Principal } from '../common/request-context';
import { DB } from '../common/tokens';

export type ApiKeyRow = Awaited<ReturnType<KeysRepository['list']>>[number];

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

@Injectable()
export class KeysRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /** The key's name and role, or null when the key is unknown or revoked. */
  async findActiveByKey(key: string): Promise<Principal | null> {
    const row = await this.db.apiKey.findUnique({ where: { keyHash: hashApiKey(key) } });
    if (!row || row.revokedAt || !isRole(row.role)) return null;
    return { name: row.name, role: row.role };
  }

  findByName(name: string) {
    return this.db.apiKey.findUnique({ where: { name } });
  }

  /** Creates a key and returns it in clear text: the only time it exists outside the caller's hands. */
  async create(input: { name: string; role: Role; createdBy: string }): Promise<{ key: string; row: ApiKeyRow }> {
    const key = generateApiKey();
    const row = await this.db.apiKey.create({
      data: { ...input, keyHash: hashApiKey(key), prefix: key.slice(0, KEY_PREFIX_LENGTH) },
      omit: { keyHash: true },
    });
    return { key, row };
  }

  list() {
    return this.db.apiKey.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], omit: { keyHash: true } });
  }

  findById(id: string) {
    return this.db.apiKey.findUnique({ where: { id }, omit: { keyHash: true } });
  }

  revoke(id: string) {
    return this.db.apiKey.update({ where: { id }, data: { revokedAt: new Date() }, omit: { keyHash: true } });
  }
}
