import { expect } from 'chai';

import { assertTimeZoneData, CalendarError } from '../../../../src/domain/calendar';
import { ASTANA } from '../../../fixtures/calendars';

describe('assertTimeZoneData', () => {
  it('accepts tz data from 2024a on', () => {
    expect(() => assertTimeZoneData('2024a', ASTANA)).not.to.throw();
    expect(() => assertTimeZoneData('2025c', ASTANA)).not.to.throw();
  });

  it('rejects tz data older than 2024a', () => {
    expect(() => assertTimeZoneData('2023c', ASTANA))
      .to.throw(CalendarError)
      .with.property('code', 'TZ_DATA_OUTDATED');
  });

  it('rejects an unknown tz data release', () => {
    for (const version of [undefined, '', 'latest']) {
      expect(() => assertTimeZoneData(version, ASTANA), String(version))
        .to.throw(CalendarError)
        .with.property('code', 'TZ_DATA_UNKNOWN');
    }
  });

  it('rejects a zone that is not UTC+5 on 2024-03-01, as stale data would show', () => {
    expect(() => assertTimeZoneData('2025c', 'Asia/Dhaka'))
      .to.throw(CalendarError)
      .with.property('code', 'TZ_DATA_WRONG_OFFSET');
  });

  it('passes for the running process', () => {
    expect(() => assertTimeZoneData(process.versions.tz, ASTANA)).not.to.throw();
  });
});
