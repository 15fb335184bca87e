import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { stateDir } from './state-dir';

/**
 * The admin key for a local API: CACSCREEN_ADMIN_API_KEY when set, else a random key made once and kept in
 * .cacscreen/demo-admin-key (readable by this user only), so the printed key keeps working across demo runs.
 */
export function localAdminApiKey(): { key: string; file: string | null } {
  const configured = process.env.CACSCREEN_ADMIN_API_KEY;
  if (configured) return { key: configured, file: null };
  const file = path.join(stateDir(), 'demo-admin-key');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return { key: fs.readFileSync(file, 'utf8').trim(), file };
}
