import fs from 'node:fs';
import path from 'node:path';

import { expect } from 'chai';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import request from 'supertest';

import { createStaff, PASSWORD } from '../integration/web/web-support';
import { chatbotMessage, signed } from '../support/channels';
import { startBrowserDesk, type BrowserDesk } from './browser-desk';

/**
 * The desk as people use it, in Debian's headless Chromium: an operator
 * watches a chat-bot request arrive, registers and escalates it; an
 * administrator in another browser confirms the failure; the operator's
 * and the participant's pages follow without a reload. Screenshots go to
 * test-artifacts/.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

interface AxeViolation {
  id: string;
  impact: string;
}

interface AxeRunner {
  run(): Promise<{ violations: AxeViolation[] }>;
}

/** A mark on the page's window: still there later means the page was not reloaded. */
const MARK = '__deskNoReload';

async function markNoReload(page: Page): Promise<void> {
  await page.evaluate((mark) => Object.assign(globalThis, { [mark]: true }), MARK);
}

async function stillSamePage(page: Page): Promise<boolean> {
  return page.evaluate((mark) => (globalThis as Record<string, unknown>)[mark] === true, MARK);
}

describe('the desk in a browser', function () {
  this.timeout(120_000);

  let desk: BrowserDesk;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let artifacts: string;

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
  }

  async function signInAs(page: Page, username: string): Promise<void> {
    await page.goto(`${desk.url}/login`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/(dashboard|admin)/);
  }

  async function live(page: Page): Promise<void> {
    await page.locator('#live-state[data-state="live"]').waitFor();
  }

  async function chatbotArrives(text: string): Promise<string> {
    const { raw, signature } = signed(
      chatbotMessage({
        sessionId: 'browser-session',
        messageId: 'browser-1',
        sentAt: '2026-12-08T09:58:00+05:00',
        text,
        participant: { phone: '+77019998877', name: 'Айгүл Сәрсенова' },
      }),
    );
    const res = await request(desk.desk.app)
      .post('/webhooks/chatbot')
      .set('content-type', 'application/json')
      .set('x-signature', signature)
      .send(raw);
    return res.body.number as string;
  }

  before(async () => {
    desk = await startBrowserDesk({ now: '2026-12-08T10:00:00+05:00' });
    await createStaff(desk.desk, 'operator', 'aigerim');
    await createStaff(desk.desk, 'admin', 'daniyar');
    artifacts = path.join(desk.desk.config.rootDir, 'test-artifacts');
    fs.mkdirSync(artifacts, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await desk?.close();
  });

  it('carries a chat-bot request from arrival to confirmation, live on every screen', async () => {
    const operator = await newPage();
    await signInAs(operator, 'aigerim');
    await live(operator);
    await markNoReload(operator);

    const number = await chatbotArrives('Жеткізушіні таңдау беті ашылмайды <b>500</b>');
    const row = operator.locator('#queue-rows tr', { hasText: number });
    await row.waitFor();
    expect(await stillSamePage(operator)).to.equal(true);
    expect(await row.textContent()).to.include('Portal chat-bot');
    await shot(operator, '01-operator-dashboard-new-request');

    await row.getByRole('link', { name: number }).click();
    await live(operator);
    await operator.getByRole('button', { name: 'Register', exact: true }).click();
    await operator.getByLabel('A technical failure is confirmed by reproduction').check();
    await operator.getByLabel(/^Findings/).fill('Reproduced: the supplier page answers 500');
    await operator.getByRole('button', { name: 'Record the analysis' }).click();
    await operator.getByRole('button', { name: 'Escalate', exact: true }).click();
    await operator
      .locator('#request-status', { hasText: 'With the portal administrator' })
      .waitFor();
    await live(operator);
    await markNoReload(operator);
    await shot(operator, '02-operator-request-escalated');

    const doc = await desk.desk.runtime.store.requests.findOne({ number }).lean();
    const code = desk.desk.runtime.statusCodes.codeFor(String(doc!._id));
    const participant = await newPage();
    await participant.goto(`${desk.url}/status?number=${number}&code=${code}`);
    await live(participant);
    await markNoReload(participant);
    await shot(participant, '03-participant-status-escalated');

    const admin = await newPage();
    await signInAs(admin, 'daniyar');
    await live(admin);
    const incident = admin.locator('article.incident', { hasText: number });
    await incident.getByLabel('Planned elimination (Astana time)').fill('09.12.2026 15:00');
    await shot(admin, '04-admin-confirming');
    await incident.getByRole('button', { name: 'Confirm', exact: true }).click();
    await admin.locator('.flash-ok').waitFor();
    await shot(admin, '05-admin-confirmed');

    await operator.locator('#request-status', { hasText: 'Failure confirmed' }).waitFor();
    await operator.locator('#request-planned-fix', { hasText: '09.12.2026 15:00' }).waitFor();
    expect(await stillSamePage(operator)).to.equal(true);
    await shot(operator, '06-operator-request-confirmed-live');

    await participant.locator('#status-now', { hasText: 'Failure confirmed' }).waitFor();
    await participant.locator('#planned-fix', { hasText: '09.12.2026 15:00' }).waitFor();
    expect(await stillSamePage(participant)).to.equal(true);
    expect(await participant.locator('#status-announcer').textContent()).to.include(
      'Failure confirmed',
    );
    await shot(participant, '07-participant-status-confirmed-live');
  });

  it('passes axe-core on the status pages with no serious or critical violation', async () => {
    const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const number = (await desk.desk.runtime.store.requests.findOne().lean())!.number;
    const id = String((await desk.desk.runtime.store.requests.findOne().lean())!._id);
    const code = desk.desk.runtime.statusCodes.codeFor(id);
    const page = await newPage();
    const pages = [
      '/status',
      '/status?number=2026-999999&code=AAAAAAAA',
      `/status?number=${number}&code=${code}`,
    ];

    for (const [i, address] of pages.entries()) {
      for (const lang of ['kk', 'ru', 'en']) {
        await page.goto(`${desk.url}${address}${address.includes('?') ? '&' : '?'}lang=${lang}`);
        // Evaluated through the DevTools protocol, so the page's CSP does not block it.
        await page.evaluate(axeSource);
        const result = await page.evaluate(() =>
          (globalThis as unknown as { axe: AxeRunner }).axe.run(),
        );
        const grave = result.violations.filter(
          (v) => v.impact === 'serious' || v.impact === 'critical',
        );

        expect(grave.map((v) => `${address} [${lang}]: ${v.id}`)).to.deep.equal([]);
      }
      await shot(page, `08-status-axe-${i}`);
    }
  });
});
