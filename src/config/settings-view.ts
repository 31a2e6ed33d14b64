import type { AppConfig } from './app-config';

export interface SettingView {
  key: string;
  /** The environment variable that sets it. */
  env: string;
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
    { key: 'database', env: 'DATABASE_URL', label: '数据库', value: databaseOf(config) },
    { key: 'dataDir', env: 'DATA_DIR', label: '文件存储目录（报告与备案文书）', value: config.dataDir },
    { key: 'publicBaseUrl', env: 'PUBLIC_BASE_URL', label: '对外地址（核验二维码）', value: config.publicBaseUrl },
    { key: 'logLevel', env: 'LOG_LEVEL', label: '日志级别', value: config.logLevel },
    { key: 'logFormat', env: 'LOG_FORMAT', label: '日志格式（默认自动：终端上为可读行，否则为 JSON 行）', value: config.logFormat },
    { key: 'jwtTtlSeconds', env: 'JWT_TTL_SECONDS', label: '登录有效期（秒）', value: config.jwtTtlSeconds },
    { key: 'loginRateLimit.maxAttempts', env: 'LOGIN_MAX_ATTEMPTS', label: '同一用户名自同一地址的登录失败次数上限（同一地址合计为其 5 倍）', value: config.loginRateLimit.maxAttempts },
    { key: 'loginRateLimit.windowSeconds', env: 'LOGIN_WINDOW_SECONDS', label: '登录失败计数窗口（秒）', value: config.loginRateLimit.windowSeconds },
    { key: 'loginRateLimit.baseDelayMs', env: 'LOGIN_DELAY_MS', label: '登录失败后的首次延迟（毫秒，逐次加倍）', value: config.loginRateLimit.baseDelayMs },
    { key: 'rateLimits.windowSeconds', env: 'RATE_LIMIT_WINDOW_SECONDS', label: '请求频率限制的计数窗口（秒）', value: config.rateLimits.windowSeconds },
    { key: 'rateLimits.login', env: 'RATE_LIMIT_LOGIN', label: '同一地址每个窗口的登录请求上限', value: config.rateLimits.login },
    { key: 'rateLimits.public', env: 'RATE_LIMIT_PUBLIC', label: '同一地址每个窗口的公开查询请求上限', value: config.rateLimits.public },
    { key: 'rateLimits.reportForm', env: 'RATE_LIMIT_REPORT_FORM', label: '同一地址每个窗口的公众举报提交请求上限', value: config.rateLimits.reportForm },
    { key: 'healthMinFreeBytes', env: 'HEALTH_MIN_FREE_MB', label: '就绪检查要求的文件存储目录最小剩余空间（字节）', value: config.healthMinFreeBytes },
    { key: 'uploadMaxBytes', env: 'UPLOAD_MAX_BYTES', label: '上传文件大小上限（字节）', value: config.uploadMaxBytes },
    { key: 'dbPoolSize', env: 'DB_POOL_SIZE', label: '数据库连接数', value: config.databaseMode === 'embedded' ? 1 : config.dbPoolSize },
    { key: 'filingWorker', env: 'FILING_WORKER', label: '本进程生成备案文书', value: config.filingWorker },
    { key: 'transport.leadWorkingDays', env: 'TRANSPORT_LEAD_WORKING_DAYS', label: '转运报告提前工作日数（土壤法第四十一条）', value: config.transport.leadWorkingDays },
    { key: 'transport.receiptTolerancePct', env: 'TRANSPORT_RECEIPT_TOLERANCE_PCT', label: '转运接收量允许偏差（%）', value: config.transport.receiptTolerancePct },
    {
      key: 'transport.acknowledgeBeforeDispatch',
      env: 'TRANSPORT_ACKNOWLEDGE_BEFORE_DISPATCH',
      label: '首批发运前须所在地和接收地生态环境部门均确认转运报告（both：须确认；none：按计划开始日期提前报告即可发运；土壤法第四十一条）',
      value: config.transport.acknowledgeBeforeDispatch,
    },
    { key: 'deadlines.monitoringIntervalMonths', env: 'MONITORING_REPORT_INTERVAL_MONTHS', label: '风险管控监测报告间隔（月）', value: config.deadlines.monitoringIntervalMonths },
    { key: 'deadlines.annualReportDue', env: 'ANNUAL_PROGRESS_REPORT_DUE', label: '年度工作进展报告截止日（月-日）', value: config.deadlines.annualReportDue },
    { key: 'jobs.enabled', env: 'JOBS_ENABLED', label: '期限巡检任务', value: config.jobs.enabled },
    { key: 'jobs.sweepIntervalSeconds', env: 'DEADLINE_SWEEP_INTERVAL_SECONDS', label: '期限巡检间隔（秒）', value: config.jobs.sweepIntervalSeconds },
  ];
}
