/// <reference lib="dom" />
// The coordinators' web page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core; no browser
// is downloaded): log in, filter the queue, open an item, see its key image, claim it, add a note, close it;
// screenshots of the queue and of the item.
jest.setTimeout(180_000);

import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, Browser, Page } from 'playwright-core';
import { startTestApi, TestApi } from '../api/support/api-app';
import { seedKeyImages } from '../api/support/key-images';
import { seedPatient } from '../api/support/seed';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(
    `[browser] SKIPPED: no Chromium at ${CHROMIUM}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`,
  );
}
const describeIfChromium = haveChromium ? describe : describe.skip;

describeIfChromium('the coordinators’ worklist page', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    api = await startTestApi('cacscreen_browser_worklist', { listen: true });
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    for (let i = 0; i < 12; i++) {
      const seeded = await seedPatient(api.db, {
        mrn: `BR-${String(i).padStart(3, '0')}`,
        site: i % 2 ? 'south' : 'north',
        age: 50 + i,
        agatston: 100 + i * 40,
        tier: i % 3 ? 'statin-recommended' : 'high-priority',
      });
      await seedKeyImages(api.db, seeded.studyId);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('logs in, filters, opens an item, sees its key image, claims it, adds a note and closes it', async () => {
    await page.goto(`${base}/app/`);
    await page.fill('#api-key', 'wrong-key');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Login failed');

    await page.fill('#api-key', api.keys.coordinator);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#queue-table tbody tr');
    expect(await page.textContent('#queue-total')).toBe('12 item(s)');

    await page.selectOption('#f-tier', 'high-priority');
    await page.fill('#f-site', 'north');
    await page.click('#apply-filters');
    await page.waitForFunction(() => document.querySelector('#queue-total')?.textContent === '2 item(s)');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'worklist.png'), fullPage: true });

    const first = page.locator('#queue-table a.open-item').first();
    const mrn = await first.textContent();
    await first.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#claim-btn');
    expect(await page.textContent('h1')).toContain(`Patient ${mrn}`);
    // The key image of the largest lesion, loaded through the API with the key (a blob URL), decoded by the browser.
    const keyImage = page.locator('#key-images img.key-image').first();
    await keyImage.waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector('#key-images img');
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
    });
    expect(await keyImage.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([
      120, 100,
    ]);
    expect(await keyImage.getAttribute('alt')).toMatch(/^Key image 1: slice 2 .*calcium in LAD/);
    expect(await page.locator('#key-images img.key-image').count()).toBe(2);
    await page.screenshot({ path: path.join(ARTIFACTS, 'worklist-item.png'), fullPage: true });

    await page.click('#claim-btn');
    await page.waitForFunction(() => document.querySelector('#item-status')?.textContent === 'claimed');
    await page.fill('#note-text', 'Called the patient; GP letter sent.');
    await page.click('#add-note-btn');
    await page.waitForSelector('#notes li:has-text("GP letter sent")');
    await page.selectOption('#status-select', 'closed');
    await page.click('#save-status-btn');
    await page.waitForFunction(() => document.querySelector('#item-status')?.textContent === 'closed');
    const history = await page.locator('#history li').allTextContents();
    expect(history.join('\n')).toMatch(/carla · worklist\.claimed[\s\S]*worklist\.note-added[\s\S]*worklist\.closed/);

    const item = await api.db.worklistItem.findFirstOrThrow({ where: { patient: { mrn: mrn ?? '' } } });
    expect(item).toMatchObject({ status: 'closed', assignee: 'carla', openKey: null });
    expect(fs.statSync(path.join(ARTIFACTS, 'worklist.png')).size).toBeGreaterThan(10_000);
  });

  it('keeps the filters on the way back, labels times with their zone, greys disabled buttons (#15 bug 7)', async () => {
    await page.goto(`${base}/app/#/queue?status=all&site=south&sort=score`);
    await page.waitForFunction(() => document.querySelector('#queue-total')?.textContent === '6 item(s)');
    // One page of results: both pager buttons are disabled, and look it (not the enabled buttons' navy).
    const previous = page.locator('.pager button').first();
    expect(await previous.isDisabled()).toBe(true);
    const look = (selector: string) =>
      page.$eval(selector, (el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).cursor]);
    expect(await look('.pager button:disabled')).toEqual(['rgb(225, 228, 232)', 'not-allowed']);
    expect((await look('#apply-filters'))[0]).toBe('rgb(18, 53, 91)');

    await page.locator('#queue-table a.open-item').first().click();
    await page.waitForSelector('#back-to-queue');
    // A note gives the item a time to show: local time with its zone label, the UTC instant in `datetime`.
    await page.fill('#note-text', 'Left a voicemail.');
    await page.click('#add-note-btn');
    const time = page.locator('#notes time').first();
    await time.waitFor();
    expect(await time.textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+/);
    expect(await time.getAttribute('datetime')).toMatch(/Z$/);
    expect(await page.locator('#history time').count()).toBeGreaterThan(0);

    await page.click('#back-to-queue');
    await page.waitForFunction(() => document.querySelector('#queue-total')?.textContent === '6 item(s)');
    expect(await page.inputValue('#f-site')).toBe('south');
    expect(await page.inputValue('#f-status')).toBe('all');
    expect(await page.inputValue('#f-sort')).toBe('score');
  });

  it('fits a 390 px wide screen: no sideways scrolling, long UIDs wrap (#15 bug 7)', async () => {
    const long = `1.2.826.0.1.3680043.10.${'1234567890'.repeat(4)}`.slice(0, 64);
    const item = await api.db.worklistItem.findFirstOrThrow({ where: { patient: { mrn: 'BR-011' } } });
    const result = await api.db.screeningResult.findUniqueOrThrow({ where: { id: item.screeningResultId } });
    await api.db.study.update({ where: { id: result.studyId }, data: { studyInstanceUid: long } });
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.goto(`${base}/app/`);
      await phone.evaluate((key) => sessionStorage.setItem('cacscreen.apiKey', key), api.keys.coordinator);
      const fits = () => phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      for (const hash of ['#/queue?status=all', `#/item/${item.id}`, '#/sweeps']) {
        await phone.goto(`${base}/app/${hash}`);
        await phone.waitForSelector(hash.startsWith('#/item') ? '.uid' : 'table thead');
        expect([hash, await fits()]).toEqual([hash, true]);
        if (!hash.startsWith('#/item')) continue;
        // The 64-character study UID wraps inside the screen instead of pushing the page sideways.
        const uid = phone.locator('.uid').first();
        expect(await uid.textContent()).toBe(long);
        const box = await uid.boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(390);
        await phone.screenshot({ path: path.join(ARTIFACTS, 'worklist-item-390.png'), fullPage: true });
      }
    } finally {
      await phone.close();
    }
  });

  it('shows the sweep dashboard', async () => {
    await api.db.sweep.create({
      data: {
        workflowId: 'sweep/test',
        source: '/archive',
        modelVersion: 'test-1',
        status: 'completed',
        seen: 12,
        screened: 12,
        flagged: 12,
      },
    });
    await page.goto(`${base}/app/#/sweeps`);
    await page.waitForSelector('#sweeps-table tbody tr');
    expect(await page.textContent('#sweeps-table tbody')).toContain('/archive');
  });
});
