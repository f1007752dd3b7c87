// Words for what the API answers, Chinese first: levels, ages, hours, audiences. Kept apart from
// any page so that the console and the resident page say the same thing the same way.

/** Each status level: its words, and the colour class both the list badge and the map dot use. */
export const levels = {
  idle: { text: '空闲', hint: '基本无需排队' },
  normal: { text: '正常', hint: '少量排队' },
  busy: { text: '较忙', hint: '排队较长' },
  congested: { text: '拥挤', hint: '排队很长' },
  paused: { text: '暂停采样', hint: '工作人员暂停采样（休息或消毒）' },
  unconfirmed: { text: '可能已关闭，待确认', hint: '多位居民反映已关闭，尚未核实' },
  noData: { text: '暂无排队信息', hint: '近 30 分钟无人上报，可能正常开放' },
  closed: { text: '现在不开放', hint: '不在开放时间内' },
};

export function levelText(level) {
  return (levels[level] || { text: level }).text;
}

/** Where a status came from, as a resident should read it; `demo` must never pass for a real report. */
export function sourceText(source) {
  switch (source) {
    case 'staff': return '工作人员上报';
    case 'operator': return '管理人员确认';
    case 'throughput': return '采样系统统计';
    case 'demo': return '演示数据';
    case undefined: case null: case '': return '';
    default: return source;
  }
}

/** "刚刚", "5 分钟前", "2 小时前", "3 天前": how old an instant is at `now`. */
export function ageInWords(instant, now = Date.now()) {
  const then = Date.parse(instant);
  if (Number.isNaN(then)) return '';
  const minutes = Math.floor(Math.max(0, now - then) / 60000);
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes} 分钟前`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} 小时前`;
  return `${Math.floor(hours / 24)} 天前`;
}

/** The status line of a site: level, wait, and how old and whose the value is. */
export function statusLine(status, now = Date.now()) {
  return [levelText(status.level), statusDetail(status, now)].filter(Boolean).join(' · ');
}

/** What goes beside a level shown on its own (a badge): the wait, and how old and whose the value is. */
export function statusDetail(status, now = Date.now()) {
  const parts = [];
  if (typeof status.waitMinutes === 'number') parts.push(`预计等候 ${status.waitMinutes} 分钟`);
  const age = status.updatedAt ? ageInWords(status.updatedAt, now) : '';
  const source = sourceText(status.source);
  // Neither level is the report's: the age is only when someone last said anything.
  if ((status.level === 'noData' || status.level === 'closed') && age) parts.push(`上次上报 ${age}`);
  else if (age || source) parts.push([age, source].filter(Boolean).join(' '));
  return parts.join(' · ');
}

export const types = {
  fixed: '固定采样点',
  convenience: '便民采样点',
  mobile: '流动采样点',
  unknown: '采样点',
};

/** Who may use a site: the source's own words when it gave some. */
export function audienceText(audience) {
  if (!audience || audience.kind === 'public') return '面向所有人';
  if (audience.kind === 'residents') return audience.text || '仅限本小区居民';
  return audience.text ? `仅限${audience.text}` : '仅限特定人群';
}

/** The weekday in Shanghai as the API names days ("wed"), whatever the device's time zone. */
export function shanghaiWeekday(now = Date.now()) {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', weekday: 'short' }).format(now).toLowerCase();
}

/**
 * Today's openings ("06:30–10:30、14:00–18:00"), or what is known instead. `today` also lists the opening of
 * the day before that runs past midnight into today: that one is shown as its part after midnight.
 */
export function hoursToday(hours, weekday = shanghaiWeekday()) {
  if (!hours) return '';
  if (hours.alwaysOpen) return '24 小时开放';
  if (hours.status !== 'parsed') return hours.text ? `开放时间：${hours.text}（未能识别，请以现场为准）` : '开放时间未知';
  if (!hours.today || hours.today.length === 0) return '今天不开放';
  return '今天 ' + hours.today
    .map((i) => (i.day !== weekday && i.closesNextDay ? `00:00–${i.close}` : `${i.open}–${i.close}${i.closesNextDay ? '（次日）' : ''}`))
    .join('、');
}

export const weekdays = { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' };

/** 850 → "850 米", 1234 → "1.2 公里". */
export function distanceText(meters) {
  if (typeof meters !== 'number') return '';
  return meters < 1000 ? `${Math.round(meters)} 米` : `${(meters / 1000).toFixed(1)} 公里`;
}
