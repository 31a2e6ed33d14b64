import { ConfigError, loadConfig } from './app-config';

describe('configuration of transports, deadlines and jobs', () => {
  it('defaults: 5 working days ahead, 5 % receipt tolerance, monitoring every 12 months, annual report on 12-31', () => {
    const c = loadConfig({});
    expect(c.transport).toEqual({ leadWorkingDays: 5, receiptTolerancePct: 5, acknowledgeBeforeDispatch: 'both' });
    expect(c.deadlines).toEqual({ monitoringIntervalMonths: 12, annualReportDue: '12-31' });
    expect(c.jobs).toEqual({ enabled: true, pollingIntervalMs: 2000, sweepIntervalSeconds: 300 });
  });

  it('reads each value from the environment', () => {
    const c = loadConfig({
      TRANSPORT_LEAD_WORKING_DAYS: '7',
      TRANSPORT_RECEIPT_TOLERANCE_PCT: '2.5',
      TRANSPORT_ACKNOWLEDGE_BEFORE_DISPATCH: 'none',
      MONITORING_REPORT_INTERVAL_MONTHS: '6',
      ANNUAL_PROGRESS_REPORT_DUE: '01-31',
      JOBS_ENABLED: 'false',
      JOB_POLLING_INTERVAL_MS: '500',
      DEADLINE_SWEEP_INTERVAL_SECONDS: '60',
    });
    expect(c.transport).toEqual({ leadWorkingDays: 7, receiptTolerancePct: 2.5, acknowledgeBeforeDispatch: 'none' });
    expect(c.deadlines).toEqual({ monitoringIntervalMonths: 6, annualReportDue: '01-31' });
    expect(c.jobs).toEqual({ enabled: false, pollingIntervalMs: 500, sweepIntervalSeconds: 60 });
  });

  it('names every bad value', () => {
    try {
      loadConfig({ TRANSPORT_RECEIPT_TOLERANCE_PCT: 'much', TRANSPORT_ACKNOWLEDGE_BEFORE_DISPATCH: 'some', ANNUAL_PROGRESS_REPORT_DUE: '02-30', JOBS_ENABLED: 'yes', JOB_POLLING_INTERVAL_MS: '100' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      for (const key of ['TRANSPORT_RECEIPT_TOLERANCE_PCT', 'TRANSPORT_ACKNOWLEDGE_BEFORE_DISPATCH', 'ANNUAL_PROGRESS_REPORT_DUE', 'JOBS_ENABLED', 'JOB_POLLING_INTERVAL_MS']) {
        expect(problems).toContain(key);
      }
    }
  });
});
