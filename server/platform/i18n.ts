export type Locale = 'zh-CN' | 'en';

export function localeFromHeader(header: string | undefined): Locale {
  return header && header.trim().toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

type Text = { 'zh-CN': string; en: string };

/** User-facing messages by stable key; `{name}` placeholders are filled from params. */
const messages = {
  VALIDATION: { 'zh-CN': '提交的内容有误，请检查标出的字段', en: 'Some fields are invalid' },
  IMPORT_INVALID: { 'zh-CN': '导入文件有 {count} 处错误，未导入任何数据', en: 'The file has {count} errors; nothing was imported' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: { 'zh-CN': '长时间未操作，会话已失效，请重新登录', en: 'Your session has expired; please sign in again' },
  CSRF: { 'zh-CN': '请求校验失败，请刷新页面后重试', en: 'Request check failed; reload the page and try again' },
  FORBIDDEN: { 'zh-CN': '没有执行此操作的权限', en: 'You are not allowed to do this' },
  PASSWORD_CHANGE_REQUIRED: { 'zh-CN': '请先修改密码', en: 'You must change your password first' },
  NOT_FOUND: { 'zh-CN': '记录不存在或无权访问', en: 'Not found or no access' },
  CONFLICT: { 'zh-CN': '与已有记录冲突', en: 'This conflicts with an existing record' },
  INTERNAL: { 'zh-CN': '服务器内部错误，请联系管理员并提供请求编号 {requestId}', en: 'Internal error; give the administrator request id {requestId}' },
  RATE_LIMITED: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  INVALID_CREDENTIALS: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: { 'zh-CN': '登录失败次数过多，账号已锁定至 {until}', en: 'Too many failed sign-ins; the account is locked until {until}' },
  ACCOUNT_DISABLED: { 'zh-CN': '账号已停用', en: 'This account is disabled' },
  WRONG_CURRENT_PASSWORD: { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  PASSWORD_TOO_SHORT: { 'zh-CN': '密码至少 {min} 位', en: 'The password needs at least {min} characters' },
  PASSWORD_CLASSES: { 'zh-CN': '密码须包含大写字母、小写字母、数字、符号中的至少三类', en: 'The password needs three of: upper case, lower case, digits, symbols' },
  PASSWORD_HAS_USERNAME: { 'zh-CN': '密码不能包含用户名', en: 'The password must not contain the username' },
  PASSWORD_SAME: { 'zh-CN': '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  REGION_OUTSIDE_SCOPE: { 'zh-CN': '所选区划不在您的管辖范围内', en: 'The region is outside your scope' },
  REGION_CODE_LENGTH: { 'zh-CN': '代码须为 {length} 位数字', en: 'The code must be {length} digits' },
  REGION_CODE_PREFIX: { 'zh-CN': '代码须以上级区划代码的前几位 {prefix} 开头', en: 'The code must start with {prefix}, from the parent region' },
  REGION_LEVEL_ORDER: { 'zh-CN': '区划层级与上级区划不匹配', en: 'The level does not fit under the parent region' },
  ROLE_NOT_ALLOWED: { 'zh-CN': '您不能创建或授予该角色', en: 'You cannot grant this role' },
  SCOPE_REQUIRED: { 'zh-CN': '该角色须指定管辖区划或所属单位', en: 'This role needs a region or a unit as its scope' },
  SCOPE_ONE_ONLY: { 'zh-CN': '管辖区划与所属单位只能选择一项', en: 'Choose either a region or a unit as the scope, not both' },
  UNIT_STAGE_REQUIRED: { 'zh-CN': '学校须填写学段', en: 'A school needs a stage' },
  UNIT_KINDERGARTEN_STAGE: { 'zh-CN': '幼儿园的学段只能是学前', en: 'A kindergarten is pre-school' },
  UNIT_OWNERSHIP_REQUIRED: { 'zh-CN': '学校和幼儿园须填写办学性质', en: 'Schools and kindergartens need an ownership' },
  UNIT_SCHOOL_CODE_KIND: { 'zh-CN': '只有学校和幼儿园有学校标识码', en: 'Only schools and kindergartens have a school code' },
  UNIT_SCHOOL_CODE_TAKEN: { 'zh-CN': '学校标识码已被其他单位使用', en: 'This school code is used by another unit' },
  IMPORT_BAD_CHOICE: { 'zh-CN': '“{value}”不是可选的值', en: '"{value}" is not one of the allowed values' },
  IMPORT_REQUIRED: { 'zh-CN': '不能为空', en: 'is required' },
  FIELD_REQUIRED: { 'zh-CN': '缺少必填字段', en: 'A required field is missing' },
  IMPORT_REGION_UNKNOWN: { 'zh-CN': '区划代码 {value} 不存在或不在您的管辖范围内', en: 'Region code {value} does not exist or is outside your scope' },
  IMPORT_TOO_LONG: { 'zh-CN': '不能超过 {max} 个字符', en: 'must be at most {max} characters' },
  REGION_CODE_TAKEN: { 'zh-CN': '区划代码 {value} 已存在', en: 'Region code {value} already exists' },
  REGION_CODE_FORMAT: { 'zh-CN': '代码只能包含数字、字母和短横线（2–20位）', en: 'The code may hold digits, letters and dashes (2–20)' },
  IMPORT_DUPLICATE_IN_FILE: { 'zh-CN': '与第 {row} 行重复', en: 'Repeats row {row}' },
  FILE_TOO_LARGE: { 'zh-CN': '文件超过大小上限 {max}', en: 'The file is larger than the limit of {max}' },
  FILE_TYPE: { 'zh-CN': '不允许上传该类型的文件（{name}）', en: 'This file type is not allowed ({name})' },
  FILE_MISSING: { 'zh-CN': '请选择要上传的文件', en: 'Choose a file to upload' },
  XLSX_UNREADABLE: { 'zh-CN': '无法读取该文件，请使用 .xlsx 格式的模板', en: 'The file cannot be read; use the .xlsx template' },
  XLSX_EMPTY: { 'zh-CN': '文件中没有数据行', en: 'The file has no data rows' },
  USERNAME_TAKEN: { 'zh-CN': '用户名已被使用', en: 'This username is taken' },
  SELF_DEACTIVATE: { 'zh-CN': '不能在这里修改自己的账号，请到个人资料中修改', en: 'Change your own account from your profile' },
  ID_NUMBER_INVALID: { 'zh-CN': '身份证号码校验位不正确', en: 'The ID number\'s check digit is wrong' },
  ID_NUMBER_TAKEN: { 'zh-CN': '该身份证号码已登记', en: 'This ID number is already registered' },
  LINKED_ACCOUNT_UNKNOWN: { 'zh-CN': '关联账号不存在或不在您的管辖范围内', en: 'The linked account does not exist or is outside your scope' },
  UNIT_OUTSIDE_SCOPE: { 'zh-CN': '所选单位不存在或不在您的管辖范围内', en: 'The unit does not exist or is outside your scope' },
  TERM_DATES_ORDER: { 'zh-CN': '聘期结束日期须晚于开始日期', en: 'The term must end after it starts' },
  TERM_TOO_LONG: { 'zh-CN': '每届聘期不超过 3 年（最晚至 {max}）', en: 'A term lasts at most 3 years (until {max} at the latest)' },
  TERM_OVERLAP: { 'zh-CN': '与该督学第 {term} 届聘期（{start} 至 {end}）重叠', en: 'Overlaps this inspector\'s term {term} ({start} to {end})' },
  TERM_LIMIT: { 'zh-CN': '兼职督学连续聘任一般不超过 3 届，该督学已有 {count} 届聘期', en: 'A part-time inspector serves at most 3 terms; this one already has {count}' },
  CERTIFICATE_TAKEN: { 'zh-CN': '聘书编号已被使用', en: 'This certificate number is already used' },
  INSPECTOR_DISMISSED: { 'zh-CN': '该督学已解聘', en: 'This inspector has been dismissed' },
  ASSESSMENT_OUTSIDE_TERM: { 'zh-CN': '{year} 年不在该督学的任何聘期内', en: '{year} is outside every term of this inspector' },
  ASSESSMENT_EXISTS: { 'zh-CN': '该督学 {year} 年度已有考核结果', en: 'This inspector already has an assessment for {year}' },
  RESPONSIBLE_NOT_SCHOOL: { 'zh-CN': '“{name}”不是学校或幼儿园，不配备责任督学', en: '"{name}" is not a school or kindergarten and has no responsible inspector' },
  RESPONSIBLE_NOT_SERVING: { 'zh-CN': '该督学当前不在聘期内，不能担任责任督学', en: 'This inspector is not serving a term and cannot be a responsible inspector' },
  VISIT_NOT_RESPONSIBLE: { 'zh-CN': '该督学不是这所学校当前的责任督学', en: 'This inspector is not the school\'s current responsible inspector' },
  VISIT_FUTURE: { 'zh-CN': '督导日期不能晚于今天', en: 'The visit date cannot be in the future' },
  DRAW_NOT_ENOUGH: { 'zh-CN': '符合条件的专家只有 {available} 名（已回避 {excluded} 名），不能抽取 {count} 名', en: 'Only {available} experts are eligible ({excluded} excluded); cannot draw {count}' },
  DRAW_ALGORITHM_UNKNOWN: { 'zh-CN': '无法复核：未知的抽取算法 {algorithm}', en: 'Cannot re-check: unknown draw algorithm {algorithm}' },
  REVIEW_DATES_ORDER: { 'zh-CN': '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  REVIEW_EXPERT_STATE: { 'zh-CN': '该专家当前状态为“{status}”，不能执行此操作', en: 'This expert is "{status}" and this cannot be done now' },
  FEES_SETTLED: { 'zh-CN': '该评审的评审费已结算，不能再修改', en: 'This review\'s fees are settled and can no longer change' },
  FEES_NO_ATTENDANCE: { 'zh-CN': '没有专家的出席记录，无法结算评审费', en: 'No expert attendance is recorded; there is nothing to settle' },
  FEE_RATE_MISSING: { 'zh-CN': '没有 {date} 适用的评审费标准（{item}）', en: 'No fee rate applies on {date} ({item})' },
  HALF_DAYS_EXCEED: { 'zh-CN': '出席不能超过评审日程的 {max} 个半天', en: 'Attendance cannot exceed the review\'s {max} half-days' },
  RATES_INCOMPLETE: { 'zh-CN': '缺少“{item}”的标准', en: 'The rate for "{item}" is missing' },
  COMMITTEE_NOT_MEMBER_UNIT: { 'zh-CN': '只有“督导委员会成员单位”类型的单位可以加入委员会', en: 'Only units of the kind "committee member unit" can join the committee' },
  COMMITTEE_ALREADY_MEMBER: { 'zh-CN': '该单位已是委员会成员（{joined} 加入）', en: 'This unit is already a member (joined {joined})' },
  COMMITTEE_ALREADY_LEFT: { 'zh-CN': '该单位已于 {left} 退出委员会', en: 'This unit left the committee on {left}' },
  COMMITTEE_LEFT_ORDER: { 'zh-CN': '退出日期不能早于加入日期 {joined}', en: 'The leaving date cannot be before the joining date {joined}' },
} satisfies Record<string, Text>;

export type MessageKey = keyof typeof messages;

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(messages, key);
}

export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = messages[key][locale];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Field labels for validation messages; a field not listed is shown by its name. */
const fieldLabels: Record<string, Text> = {
  username: { 'zh-CN': '用户名', en: 'Username' },
  password: { 'zh-CN': '密码', en: 'Password' },
  currentPassword: { 'zh-CN': '当前密码', en: 'Current password' },
  newPassword: { 'zh-CN': '新密码', en: 'New password' },
  displayName: { 'zh-CN': '姓名', en: 'Name' },
  role: { 'zh-CN': '角色', en: 'Role' },
  scopeRegionId: { 'zh-CN': '管辖区划', en: 'Region scope' },
  scopeUnitId: { 'zh-CN': '所属单位', en: 'Unit' },
  phone: { 'zh-CN': '手机号', en: 'Phone' },
  locale: { 'zh-CN': '语言', en: 'Language' },
  code: { 'zh-CN': '代码', en: 'Code' },
  name: { 'zh-CN': '名称', en: 'Name' },
  level: { 'zh-CN': '层级', en: 'Level' },
  parentId: { 'zh-CN': '上级区划', en: 'Parent region' },
  kind: { 'zh-CN': '类型', en: 'Kind' },
  regionId: { 'zh-CN': '所属区划', en: 'Region' },
  regionCode: { 'zh-CN': '所属区划代码', en: 'Region code' },
  schoolCode: { 'zh-CN': '学校标识码', en: 'School code' },
  stage: { 'zh-CN': '学段', en: 'Stage' },
  ownership: { 'zh-CN': '办学性质', en: 'Ownership' },
  enrolment: { 'zh-CN': '在校生数', en: 'Enrolment' },
  staffCount: { 'zh-CN': '教职工数', en: 'Staff' },
  address: { 'zh-CN': '地址', en: 'Address' },
  contactPhone: { 'zh-CN': '联系电话', en: 'Contact phone' },
  active: { 'zh-CN': '状态', en: 'Status' },
  page: { 'zh-CN': '页码', en: 'Page' },
  pageSize: { 'zh-CN': '每页条数', en: 'Page size' },
  sort: { 'zh-CN': '排序字段', en: 'Sort field' },
  order: { 'zh-CN': '排序方向', en: 'Sort order' },
  entityType: { 'zh-CN': '关联对象类型', en: 'Entity type' },
  entityId: { 'zh-CN': '关联对象', en: 'Entity' },
  from: { 'zh-CN': '开始时间', en: 'From' },
  to: { 'zh-CN': '结束时间', en: 'To' },
  passwordMinLength: { 'zh-CN': '密码最小长度', en: 'Minimum password length' },
  lockoutThreshold: { 'zh-CN': '锁定阈值', en: 'Lockout threshold' },
  lockoutMinutes: { 'zh-CN': '锁定时长', en: 'Lockout minutes' },
  idleTimeoutMinutes: { 'zh-CN': '空闲超时', en: 'Idle timeout' },
  passwordMaxAgeDays: { 'zh-CN': '密码有效期', en: 'Password lifetime' },
  gender: { 'zh-CN': '性别', en: 'Gender' },
  idNumber: { 'zh-CN': '身份证号码', en: 'ID number' },
  accountId: { 'zh-CN': '关联账号', en: 'Linked account' },
  employment: { 'zh-CN': '专兼职', en: 'Full- or part-time' },
  employer: { 'zh-CN': '工作单位', en: 'Employer' },
  jobTitle: { 'zh-CN': '职务职称', en: 'Position and title' },
  specialties: { 'zh-CN': '专业特长', en: 'Specialties' },
  qualifications: { 'zh-CN': '资历', en: 'Qualifications' },
  recommendedLevel: { 'zh-CN': '推荐层级', en: 'Recommended to' },
  recommendedOn: { 'zh-CN': '推荐日期', en: 'Recommended on' },
  dismissedOn: { 'zh-CN': '解聘日期', en: 'Dismissed on' },
  termNumber: { 'zh-CN': '届次', en: 'Term number' },
  authority: { 'zh-CN': '聘任机关', en: 'Appointing authority' },
  startDate: { 'zh-CN': '开始日期', en: 'Start date' },
  endDate: { 'zh-CN': '结束日期', en: 'End date' },
  certificateNo: { 'zh-CN': '聘书编号', en: 'Certificate number' },
  year: { 'zh-CN': '年度', en: 'Year' },
  grade: { 'zh-CN': '考核等次', en: 'Grade' },
  remarks: { 'zh-CN': '备注', en: 'Remarks' },
  date: { 'zh-CN': '日期', en: 'Date' },
  title: { 'zh-CN': '标题', en: 'Title' },
  issuer: { 'zh-CN': '决定机关', en: 'Issued by' },
  topic: { 'zh-CN': '培训主题', en: 'Topic' },
  hours: { 'zh-CN': '学时', en: 'Hours' },
  organizer: { 'zh-CN': '组织单位', en: 'Organizer' },
  inspectorId: { 'zh-CN': '督学', en: 'Inspector' },
  unitId: { 'zh-CN': '单位', en: 'Unit' },
  unitIds: { 'zh-CN': '学校', en: 'Schools' },
  items: { 'zh-CN': '督导事项', en: 'Items' },
  methods: { 'zh-CN': '督导方式', en: 'Methods' },
  findings: { 'zh-CN': '发现的问题', en: 'Findings' },
  feedbackGiven: { 'zh-CN': '当场反馈', en: 'Feedback on the spot' },
  employerUnitId: { 'zh-CN': '工作单位', en: 'Employer' },
  employerName: { 'zh-CN': '工作单位', en: 'Employer' },
  available: { 'zh-CN': '是否可抽取', en: 'Available' },
  relation: { 'zh-CN': '关系', en: 'Relation' },
  reviewedUnitId: { 'zh-CN': '被评审单位', en: 'Reviewed unit' },
  location: { 'zh-CN': '地点', en: 'Location' },
  count: { 'zh-CN': '抽取人数', en: 'Number to draw' },
  specialty: { 'zh-CN': '专业领域', en: 'Specialty' },
  halfDays: { 'zh-CN': '出席半天数', en: 'Half-days attended' },
  travelling: { 'zh-CN': '外地专家', en: 'Travelling' },
  effectiveFrom: { 'zh-CN': '执行日期', en: 'Effective from' },
  rates: { 'zh-CN': '标准', en: 'Rates' },
  amountFen: { 'zh-CN': '金额', en: 'Amount' },
  representative: { 'zh-CN': '联络代表', en: 'Representative' },
  representativeTitle: { 'zh-CN': '代表职务', en: 'Representative\'s position' },
  representativePhone: { 'zh-CN': '代表电话', en: 'Representative\'s phone' },
  joinedOn: { 'zh-CN': '加入日期', en: 'Joined on' },
  leftOn: { 'zh-CN': '退出日期', en: 'Left on' },
  reason: { 'zh-CN': '原因', en: 'Reason' },
  days: { 'zh-CN': '天数', en: 'Days' },
  terms: { 'zh-CN': '聘期', en: 'Terms' },
};

export function fieldLabel(locale: Locale, field: string): string {
  return fieldLabels[field]?.[locale] ?? field;
}

/** Validation problems, phrased once for both languages. */
const issueTexts = {
  required: { 'zh-CN': '不能为空', en: 'is required' },
  type: { 'zh-CN': '格式不正确', en: 'has the wrong type' },
  tooShort: { 'zh-CN': '至少 {min} 个字符', en: 'needs at least {min} characters' },
  tooLong: { 'zh-CN': '不能超过 {max} 个字符', en: 'must be at most {max} characters' },
  tooSmall: { 'zh-CN': '不能小于 {min}', en: 'must be at least {min}' },
  tooBig: { 'zh-CN': '不能大于 {max}', en: 'must be at most {max}' },
  format: { 'zh-CN': '格式不正确', en: 'is not in the right format' },
  oneOf: { 'zh-CN': '取值须为：{values}', en: 'must be one of: {values}' },
  unknownKey: { 'zh-CN': '不是可接受的字段', en: 'is not an accepted field' },
  integer: { 'zh-CN': '须为整数', en: 'must be a whole number' },
} satisfies Record<string, Text>;

export type IssueKey = keyof typeof issueTexts;

export function issueText(locale: Locale, key: IssueKey, params: Record<string, string | number> = {}): string {
  return issueTexts[key][locale].replace(/\{(\w+)\}/g, (_, n: string) => String(params[n] ?? ''));
}

/** "名称：不能为空" / "Name is required". */
export function fieldMessage(locale: Locale, field: string, text: string): string {
  const label = fieldLabel(locale, field);
  return locale === 'en' ? `${label} ${text}` : `${label}：${text}`;
}
