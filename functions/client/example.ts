// How a mini-program page uses the generated types; type-checked with `tsc --noEmit --strict` by
// tests/SiteFinder.Functions.Tests/Contract/ClientTypesTests.cs. Not shipped: an example only.
import type { NearbySitesQuery, NearbySitesResponse, Problem, ProblemOf, SiteView, StatusView } from "./site-finder-api";

// The few WeChat APIs used here, declared in the shapes the mini-program base library gives them,
// so that the example needs no typings package.
declare const wx: {
  getLocation(options: { type: "wgs84" | "gcj02"; success(result: { latitude: number; longitude: number }): void; fail?(error: unknown): void }): void;
  request<T>(options: { url: string; method?: "GET" | "POST"; data?: Record<string, unknown>; success(result: { statusCode: number; data: T }): void; fail?(error: unknown): void }): void;
  openLocation(options: { latitude: number; longitude: number; name?: string; address?: string; scale?: number }): void;
  showToast(options: { title: string; icon?: "none" }): void;
};

const api = "https://sites.example.cn/api";

/** The text under a site's name: what its status says, or nothing for a status there is none of. */
export function statusText(status: StatusView): string {
  switch (status.level) {
    case "noData":
      return "暂无排队信息";
    case "closed":
      return "当前不在开放时间";
    case "unconfirmed":
      return "状态待确认";
    case "paused":
      return "暂停采样";
    default:
      return status.waitMinutes === undefined ? "" : `预计等待 ${status.waitMinutes} 分钟`;
  }
}

/** A problem's own Chinese text, chosen by its stable code rather than its English title. */
export function problemText(problem: Problem): string {
  switch (problem.code) {
    case "invalid-request":
      return "请求参数有误";
    case "too-many-requests":
      return "请求太频繁，请稍后再试";
    case "catalogue-unavailable":
    case "storage-unavailable":
      return "服务暂时不可用，请稍后再试";
    default:
      return problem.title;
  }
}

/** Nearest sites to where the phone is, in GCJ-02 as WeChat gives it, page after page. */
export function findNearby(show: (sites: SiteView[], more: boolean) => void): void {
  wx.getLocation({
    type: "gcj02",
    success: ({ latitude, longitude }) => {
      const query: NearbySitesQuery = { lat: latitude, lng: longitude, coord: "gcj02", limit: 10 };
      wx.request<NearbySitesResponse | ProblemOf<"NearbySites">>({
        url: `${api}/sites/nearby`,
        data: query,
        success: ({ statusCode, data }) => {
          if (statusCode !== 200 || !("items" in data)) {
            wx.showToast({ title: problemText(data as Problem), icon: "none" });
            return;
          }
          show(data.items, data.cursor !== null);
        },
      });
    },
  });
}

/** Opens the site in WeChat's map: its location is already GCJ-02, because coord=gcj02 was sent. */
export function navigate(site: SiteView): void {
  wx.openLocation({ latitude: site.location.lat, longitude: site.location.lng, name: site.name, address: site.address, scale: 16 });
}

/** For a search by address (`address=` instead of lat/lng): the place it was found as, "翠湖天地（gazetteer）". */
export function nearLabel(page: NearbySitesResponse): string | undefined {
  return page.near === undefined ? undefined : `${page.near.label}（${page.near.source}）`;
}
