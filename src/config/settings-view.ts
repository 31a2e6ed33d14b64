import type { AppConfig } from './app-config';

export interface SettingView {
  key: string;
  label: string;
  value: string | number | boolean;
}

/** The database an app talks to, without user name or password. */
function databaseOf(config: AppConfig): string {
  if (config.databaseMode === 'embedded') return `内置 PostgreSQL（PGlite），数据目录 ${config.dataDir}`;
  try {
    const url = new URL(config.databaseUrl ?? '');
    return `PostgreSQL ${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'PostgreSQL（DATABASE_URL）';
  }
}

/**
 * The effective settings as an administrator reads them (GET /admin/settings):
 * every value that changes behaviour, none that is a secret (the JWT key, the
 * database password). Values come from the environment at start (README,
 * "Configuration"); changing one means restarting the app.
 */
export function settingsView(config: AppConfig): SettingView[] {
  return [
    { key: 'database', label: '数据库', value: databaseOf(config) },
    { key: 'dataDir', label: '文件存储目录（报告与备案文书）', value: config.dataDir },
    { key: 'publicBaseUrl', label: '对外地址（核验二维码）', value: config.publicBaseUrl },
    { key: 'logLevel', label: '日志级别', value: config.logLevel },
    { key: 'jwtTtlSeconds', label: '登录有效期（秒）', value: config.jwtTtlSeconds },
    { key: 'loginRateLimit.maxAttempts', label: '登录失败次数上限', value: config.loginRateLimit.maxAttempts },
    { key: 'loginRateLimit.windowSeconds', label: '登录失败计数窗口（秒）', value: config.loginRateLimit.windowSeconds },
    { key: 'uploadMaxBytes', label: '上传文件大小上限（字节）', value: config.uploadMaxBytes },
    { key: 'dbPoolSize', label: '数据库连接数', value: config.databaseMode === 'embedded' ? 1 : config.dbPoolSize },
    { key: 'filingWorker', label: '本进程生成备案文书', value: config.filingWorker },
    { key: 'transport.leadWorkingDays', label: '转运报告提前工作日数（土壤法第四十一条）', value: config.transport.leadWorkingDays },
    { key: 'transport.receiptTolerancePct', label: '转运接收量允许偏差（%）', value: config.transport.receiptTolerancePct },
    { key: 'deadlines.monitoringIntervalMonths', label: '风险管控监测报告间隔（月）', value: config.deadlines.monitoringIntervalMonths },
    { key: 'deadlines.annualReportDue', label: '年度工作进展报告截止日（月-日）', value: config.deadlines.annualReportDue },
    { key: 'jobs.enabled', label: '期限巡检任务', value: config.jobs.enabled },
    { key: 'jobs.sweepIntervalSeconds', label: '期限巡检间隔（秒）', value: config.jobs.sweepIntervalSeconds },
  ];
}
