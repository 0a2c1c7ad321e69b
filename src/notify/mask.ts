import { maskPhone } from '../logger';
import type { NoticeChannel } from '../store/notice-model';

/** A notice's address as logs may show it: enough to recognise, not to reach. */
export function maskRecipient(channel: NoticeChannel, to: string): string | null {
  if (channel === 'sms') return maskPhone(to);

  if (channel === 'email') {
    const [local, domain] = to.split('@');
    return `${local.slice(0, 1)}***@${domain ?? ''}`;
  }

  return to.length <= 4 ? '****' : `${to.slice(0, 2)}***${to.slice(-2)}`;
}
