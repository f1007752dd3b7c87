// Generated from the OpenAPI document (/api/openapi.json) by tests/SiteFinder.Functions.Tests/Contract/TypeScriptDeclarations.cs.
// Do not edit: regenerate with UPDATE_CLIENT_TYPES=1 (see functions/client/README.md).
/* eslint-disable */

export interface AudienceView {
  kind: "public" | "residents" | "groups";
  groups?: string[];
  text?: string;
}

export interface AuditEntryView {
  at: string;
  who: string;
  action: "edit" | "import" | "closeMissing" | "correction";
  changes: FieldChange[];
  reason?: string;
  importId?: string;
  correctionId?: string;
}

export interface CorrectionDecision {
  decided: number;
  state: "pending" | "accepted" | "rejected";
  ids: string[];
  changes?: FieldChange[];
}

export interface CorrectionGroupView {
  siteId: string;
  district: string;
  kind: string;
  count: number;
  residents: number;
  first: string;
  latest: string;
  items: CorrectionView[];
}

export interface CorrectionReceipt {
  id: string;
  siteId: string;
  kind: string;
  receivedAt: string;
}

export interface CorrectionView {
  id: string;
  kind: string;
  text?: string;
  location?: LocationView;
  receivedAt: string;
  state: "pending" | "accepted" | "rejected";
  decidedAt?: string;
  decidedBy?: string;
  decision?: string;
}

export interface CoverageFigures {
  district?: string;
  places: number;
  weight: number;
  covered: number;
  coveredShare: number;
  coveredWeight: number;
  coveredWeightShare: number;
  medianMinutes?: number;
  p90Minutes?: number;
  noOpenSite: number;
}

export interface DistrictOutlineView {
  name: string;
  rings: number[][][];
}

export interface DistrictOutlinesView {
  coord: string;
  toleranceMeters: number;
  items: DistrictOutlineView[];
}

export interface DistrictSummary {
  district: string;
  sites: number;
  planned: number;
  open: number;
  suspended: number;
  closed: number;
  openNow: number;
  hoursUnknown: number;
  levels: Record<string, number>;
  medianWaitMinutes?: number;
}

export interface EditAnswer {
  site: OperatorSiteView;
  changes: FieldChange[];
}

export interface FieldChange {
  field: string;
  before?: string;
  after?: string;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface GazetteerEntryView {
  sourceId: string;
  name: string;
  district: string;
  kind?: string;
  location: LocationView;
}

export interface GazetteerSummary {
  received: number;
  accepted: number;
  rejected: number;
  duplicates: number;
}

export interface GazetteerUploadAnswer {
  replaced: boolean;
  places: number;
  version: number;
  publishedAt: string;
  encoding: string;
  summary: GazetteerSummary;
  problems: ProblemRows[];
  rows: RowReport[];
}

export interface GeocodedView {
  source: string;
  confidence: number;
}

export interface GeocodingReport {
  rows: number;
  gazetteer: number;
  azureMaps: number;
  notFound: number;
  minConfidence: number;
  degraded?: string;
}

export interface HealthAnswer {
  status: string;
}

export interface HoursView {
  text: string;
  status: "parsed" | "unparsed" | "empty";
  alwaysOpen?: boolean;
  alternateWeeks?: boolean;
  today?: IntervalView[];
  weekly?: IntervalView[];
  problem?: string;
  oddEvenDates?: boolean;
  qualifiers?: ("publicHolidayExceptions" | "appointmentOnly" | "temporary" | "restrictedAccess" | "timetableDependent")[];
}

export interface ImportAnswer {
  dryRun: boolean;
  closeMissing: boolean;
  importId: string;
  encoding: string;
  summary: ImportSummary;
  geocoding?: GeocodingReport;
  problems: ProblemRows[];
  changes: ImportChanges;
  rows: RowReport[];
}

export interface ImportChanges {
  added: SiteRef[];
  updated: UpdatedSite[];
  unchanged: SiteRef[];
  missing: MissingSite[];
}

export interface ImportSummary {
  received: number;
  accepted: number;
  rejected: number;
  hoursUnparsed: number;
  duplicates: number;
  outsideExpectedArea: number;
  held: number;
  geocoded: number;
  lowGeocodeConfidence: number;
  notGeocoded: number;
  approximateLocation: number;
  merged: number;
  cleared: number;
  added: number;
  updated: number;
  unchanged: number;
  missing: number;
  closed: number;
}

export interface IntervalView {
  day: string;
  open: string;
  close: string;
  closesNextDay?: boolean;
  alternateWeeks?: boolean;
  dates?: "any" | "odd" | "even";
}

export interface IssuedOperatorKey {
  keyId: string;
  name: string;
  district: string;
  issuedAt: string;
  key: string;
}

export interface IssuedStaffToken {
  siteId: string;
  tokenId: string;
  token: string;
  issuedAt: string;
  rotated: boolean;
}

export interface ListPageOfAuditEntryView {
  items: AuditEntryView[];
  cursor: string | null;
  [extra: string]: unknown;
}

export interface ListPageOfCorrectionGroupView {
  items: CorrectionGroupView[];
  cursor: string | null;
  [extra: string]: unknown;
}

export interface ListPageOfDistrictSummary {
  items: DistrictSummary[];
  cursor: string | null;
  [extra: string]: unknown;
}

export interface ListPageOfGazetteerEntryView {
  items: GazetteerEntryView[];
  cursor: string | null;
  [extra: string]: unknown;
}

export interface ListPageOfOpenChange {
  items: OpenChange[];
  cursor: string | null;
  [extra: string]: unknown;
}

export interface ListPageOfOperatorKeyInfo {
  items: OperatorKeyInfo[];
  cursor: string | null;
  [extra: string]: unknown;
}

export interface ListPageOfPlaceView {
  items: PlaceView[];
  cursor: string | null;
  [extra: string]: unknown;
}

export interface ListPageOfSiteView {
  items: SiteView[];
  cursor: string | null;
  [extra: string]: unknown;
}

export interface ListPageOfStaffTokenInfo {
  items: StaffTokenInfo[];
  cursor: string | null;
  [extra: string]: unknown;
}

export interface ListPageOfStaleSiteView {
  items: StaleSiteView[];
  cursor: string | null;
  [extra: string]: unknown;
}

export interface ListPageOfTypicalHour {
  items: TypicalHour[];
  cursor: string | null;
  [extra: string]: unknown;
}

export interface LocationView {
  lat: number;
  lng: number;
  coord: string;
  approximate?: boolean;
}

export interface MissingSite {
  id: string;
  sourceId: string;
  name: string;
  district: string;
  state: string;
  closed: boolean;
}

export interface NearbyPage {
  items: SiteView[];
  cursor: string | null;
  near?: PlaceView;
  degraded?: boolean;
  reason?: "notConfigured" | "unreachable" | "timeout" | "throttled" | "circuitOpen" | "authFailure" | "rejected" | "remoteError";
}

export interface OpenChange {
  id: string;
  change: "upsert" | "removed";
  updatedAt: string;
  feature?: OpenFeature;
}

export interface OpenDataLicense {
  name: string;
  url: string;
  attribution: string;
}

export interface OpenFeature {
  type: string;
  id: string;
  geometry: PointGeometry;
  properties: OpenSiteProperties;
}

export interface OpenFeatureCollection {
  type: string;
  license: OpenDataLicense;
  usage: string[];
  generatedAt: string;
  catalogueVersion: number;
  statusVersion: number;
  statusTtlMinutes: number;
  features: OpenFeature[];
}

export interface OpenSiteProperties {
  name: string;
  address: string;
  district: string;
  city: string;
  street?: string;
  gcj02: LocationView;
  locationApproximate?: boolean;
  type: "unknown" | "fixed" | "convenience" | "mobile";
  audience: AudienceView;
  hours: HoursView;
  state: "planned" | "open" | "suspended" | "closed";
  suspendedUntil?: string;
  stateReason?: string;
  phone?: string;
  status?: StatusView;
  statusExpiresAt?: string;
  updatedAt: string;
}

export interface OperatorKeyInfo {
  keyId: string;
  name: string;
  district: string;
  issuedAt: string;
  revokedAt?: string;
}

export interface OperatorSiteView {
  id: string;
  version: string;
  sourceId: string;
  otherSourceIds?: string[];
  name: string;
  address: string;
  district: string;
  street?: string;
  location: LocationView;
  sourceLocation: LocationView;
  locationApproximate?: boolean;
  geocoded?: GeocodedView;
  type: "unknown" | "fixed" | "convenience" | "mobile";
  typeDerived?: boolean;
  typeText?: string;
  audience: AudienceView;
  hours: HoursView;
  phone?: string;
  notes?: string;
  state: "planned" | "open" | "suspended" | "closed";
  stateNow: "planned" | "open" | "suspended" | "closed";
  suspendedUntil?: string;
  stateReason?: string;
  updatedAt: string;
  updatedBy?: string;
}

export interface OperatorWhoAmI {
  name: string;
  district?: string;
  keyId?: string;
  city: boolean;
}

export interface PlaceView {
  label: string;
  location: LocationView;
  source: string;
  confidence: number;
  district?: string;
  kind?: string;
  siteId?: string;
}

export interface PlanningClusterView {
  rank: number;
  places: number;
  weight: number;
  centre: LocationView;
  district: string;
  cells: number;
}

export interface PlanningCoverageView {
  at: string;
  atUtc: string;
  minutes: number;
  reachMeters: number;
  city: CoverageFigures;
  districts: CoverageFigures[];
  sources: PlanningSourcesView;
  computeMilliseconds: number;
  cached: boolean;
}

export interface PlanningDistrictsUploadView {
  replaced: boolean;
  districts: number;
  names: string[];
  vertices: number;
  version: number;
  publishedAt: string;
  problems: ProblemRows[];
  refused: RowReport[];
}

export interface PlanningGapsView {
  at: string;
  atUtc: string;
  minutes: number;
  district?: string;
  cellMeters: number;
  uncoveredPlaces: number;
  uncoveredWeight: number;
  coveredShare: number;
  coveredWeightShare: number;
  clusterCount: number;
  clusters: PlanningClusterView[];
  suggested: PlanningSuggestionView[];
  sources: PlanningSourcesView;
  computeMilliseconds: number;
  cached: boolean;
}

export interface PlanningPlacesUploadView {
  replaced: boolean;
  places: number;
  weight: number;
  version: number;
  publishedAt: string;
  encoding: string;
  summary: GazetteerSummary;
  problems: ProblemRows[];
  rows: RowReport[];
}

export interface PlanningSourcesView {
  catalogueVersion: number;
  placesVersion: number;
  districtsVersion: number;
  places: number;
  boundaries: number;
  placesInBoundary: number;
  openSites: number;
}

export interface PlanningSuggestionView {
  rank: number;
  location: LocationView;
  district: string;
  gainPlaces: number;
  gainWeight: number;
  coveredShareAfter: number;
  coveredWeightShareAfter: number;
}

export interface PointGeometry {
  type: string;
  coordinates: number[];
}

export interface Problem {
  /** /api/problems/{code}: a page about the problem. */
  type: string;
  code: "invalid-request" | "unauthorized" | "forbidden" | "outside-scope" | "not-found" | "place-not-found" | "no-endpoint" | "method-not-allowed" | "conflict" | "version-changed" | "too-large" | "uri-too-long" | "unsupported-media-type" | "precondition-required" | "too-many-requests" | "catalogue-unavailable" | "storage-unavailable" | "admin-key-unavailable";
  title: string;
  status: number;
  detail: string;
  /** 400 and some 404/413: each bad field and what is wrong with it. */
  errors?: Record<string, string[]>;
  reason?: string;
  retryAfterSeconds?: number;
  currentVersion?: string;
  current?: Record<string, unknown>;
  district?: string;
  sites?: string[];
  degraded?: boolean;
}

export type Problem400 = Problem & {
  type?: "/api/problems/invalid-request";
  code?: "invalid-request";
  status?: 400;
};

export type Problem401 = Problem & {
  type?: "/api/problems/unauthorized";
  code?: "unauthorized";
  status?: 401;
};

export type Problem403 = Problem & {
  type?: "/api/problems/forbidden" | "/api/problems/outside-scope";
  code?: "forbidden" | "outside-scope";
  status?: 403;
};

export type Problem404 = Problem & {
  type?: "/api/problems/not-found" | "/api/problems/place-not-found" | "/api/problems/no-endpoint";
  code?: "not-found" | "place-not-found" | "no-endpoint";
  status?: 404;
};

export type Problem405 = Problem & {
  type?: "/api/problems/method-not-allowed";
  code?: "method-not-allowed";
  status?: 405;
};

export type Problem409 = Problem & {
  type?: "/api/problems/conflict";
  code?: "conflict";
  status?: 409;
};

export type Problem412 = Problem & {
  type?: "/api/problems/version-changed";
  code?: "version-changed";
  status?: 412;
};

export type Problem413 = Problem & {
  type?: "/api/problems/too-large";
  code?: "too-large";
  status?: 413;
};

export type Problem414 = Problem & {
  type?: "/api/problems/uri-too-long";
  code?: "uri-too-long";
  status?: 414;
};

export type Problem415 = Problem & {
  type?: "/api/problems/unsupported-media-type";
  code?: "unsupported-media-type";
  status?: 415;
};

export type Problem428 = Problem & {
  type?: "/api/problems/precondition-required";
  code?: "precondition-required";
  status?: 428;
};

export type Problem429 = Problem & {
  type?: "/api/problems/too-many-requests";
  code?: "too-many-requests";
  status?: 429;
};

export type Problem503 = Problem & {
  type?: "/api/problems/catalogue-unavailable" | "/api/problems/storage-unavailable" | "/api/problems/admin-key-unavailable";
  code?: "catalogue-unavailable" | "storage-unavailable" | "admin-key-unavailable";
  status?: 503;
};

export interface ProblemPageView {
  type: string;
  code: string;
  title: string;
  status: number;
  explanation: string;
}

export interface ProblemRows {
  kind: string;
  count: number;
  firstRows: number[];
}

export interface ReadinessReport {
  status: string;
  storage: StorageReadiness;
  snapshots: SnapshotsReadiness;
}

export interface RowReport {
  row: number;
  sourceId?: string;
  id?: string;
  outcome: "accepted" | "rejected" | "held";
  errors: FieldError[];
  warnings: string[];
}

export interface SiteRef {
  id: string;
  sourceId: string;
  row?: number;
}

export interface SiteView {
  id: string;
  name: string;
  address: string;
  district: string;
  city: string;
  street?: string;
  location: LocationView;
  distanceMeters?: number;
  walkMinutes?: number;
  totalMinutes?: number;
  type: "unknown" | "fixed" | "convenience" | "mobile";
  typeDerived?: boolean;
  audience: AudienceView;
  hours: HoursView;
  openNow?: boolean;
  status: StatusView;
  state: "planned" | "open" | "suspended" | "closed";
  suspendedUntil?: string;
  stateReason?: string;
  phone?: string;
  typeText?: string;
  sourceId?: string;
  sourceLocation?: LocationView;
  geocoded?: GeocodedView;
  notes?: string;
  updatedAt?: string;
}

export interface SnapshotReadiness {
  loaded: boolean;
  version: number;
  items: number;
  publishedAt?: string;
  loadedAt?: string;
  ageSeconds?: number;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  lastError?: string;
}

export interface SnapshotsReadiness {
  catalogue: SnapshotReadiness;
  status: SnapshotReadiness;
}

export interface StaffTokenInfo {
  tokenId: string;
  issuedAt: string;
  revokedAt?: string;
  source: "staff" | "residents" | "operator" | "demo";
}

export interface StaleSiteView {
  id: string;
  name: string;
  district: string;
  phone?: string;
  lastReportedAt?: string;
  minutesSinceReport?: number;
  reason: "noRecentReport" | "residentsReportClosed";
}

export interface StatusReportAnswer {
  reportId: string;
  receivedAt: string;
  duplicate: boolean;
}

export interface StatusView {
  level: "idle" | "normal" | "busy" | "congested" | "paused" | "noData" | "closed" | "unconfirmed";
  waitMinutes?: number;
  updatedAt?: string;
  confirmedAt?: string;
  changedAt?: string;
  source?: "staff" | "residents" | "operator" | "demo";
}

export interface StorageReadiness {
  reached: boolean;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  lastError?: string;
  reachedWithinSeconds: number;
}

export interface ThroughputAnswer {
  accepted: number;
  replacedInBatch: number;
}

export interface TypicalHour {
  hour: number;
  days: number;
  averageWaitMinutes?: number;
  busyShare: number;
}

export interface UpdatedSite {
  id: string;
  sourceId: string;
  row?: number;
  changes: FieldChange[];
}

/** Every operation by its operationId: method, path, parameters and the answer of each status. */
export interface Operations {
  /** Accept a correction, applying it (a change to the site needs If-Match). */
  AcceptCorrection: {
    method: "POST";
    path: "/api/manage/corrections/{id}/accept";
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    responses: {
      200: CorrectionDecision;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      404: Problem404;
      409: Problem409;
      412: Problem412;
      413: Problem413;
      428: Problem428;
      503: Problem503;
    };
  };
  /** The district outlines the city uploaded for planning, each outer ring thinned to within toleranceMeters (20 m), as [lng, lat] in coord: for maps a client draws itself. Empty before any upload. */
  DistrictOutlines: {
    method: "GET";
    path: "/api/districts/outlines";
    pathParams: Record<string, never>;
    query: {
      /** Coordinate system of the points given and returned. Default wgs84; mini-programs (wx.getLocation type gcj02) send gcj02. */
      coord?: "wgs84" | "gcj02" | "bd09";
    };
    responses: {
      200: DistrictOutlinesView;
      400: Problem400;
      503: Problem503;
    };
  };
  /** Change a site's fields (JSON merge patch: null clears a field); If-Match must carry the version read. */
  EditSite: {
    method: "PATCH";
    path: "/api/manage/sites/{id}";
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    responses: {
      200: EditAnswer;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      404: Problem404;
      412: Problem412;
      413: Problem413;
      428: Problem428;
      503: Problem503;
    };
  };
  /** Places matching a text: sites, gazetteer entries and Azure Maps results. */
  Geocode: {
    method: "GET";
    path: "/api/geocode";
    pathParams: Record<string, never>;
    query: {
      /** The text (at most 200 characters). */
      q: string;
      /** Only this district (区), as written in the catalogue (浦东新区). */
      district?: string;
      /** Coordinate system of the points given and returned. Default wgs84; mini-programs (wx.getLocation type gcj02) send gcj02. */
      coord?: "wgs84" | "gcj02" | "bd09";
      /** How many places, 1..20, default 5. */
      limit?: number;
    };
    responses: {
      200: ListPageOfPlaceView;
      400: Problem400;
      404: Problem404;
      429: Problem429;
      503: Problem503;
    };
  };
  /** One site with its full weekly hours, notes and source. */
  GetSite: {
    method: "GET";
    path: "/api/sites/{id}";
    pathParams: {
      id: string;
    };
    query: {
      /** Coordinate system of the points given and returned. Default wgs84; mini-programs (wx.getLocation type gcj02) send gcj02. */
      coord?: "wgs84" | "gcj02" | "bd09";
    };
    responses: {
      200: SiteView;
      400: Problem400;
      404: Problem404;
      503: Problem503;
    };
  };
  /** The operator's view of a site: every stored field, its version in ETag. */
  GetSiteForEdit: {
    method: "GET";
    path: "/api/manage/sites/{id}";
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    responses: {
      200: OperatorSiteView;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      404: Problem404;
      503: Problem503;
    };
  };
  /** Liveness: a fixed answer that touches neither storage nor the catalogue. */
  Health: {
    method: "GET";
    path: "/api/health";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    responses: {
      200: HealthAnswer;
    };
  };
  /** Import a site list (CSV or JSON): adds, updates and, with closeMissing, closes sites; a dry run reports only. */
  ImportSites: {
    method: "POST";
    path: "/api/manage/sites/import";
    pathParams: Record<string, never>;
    query: {
      /** Report what would change without writing. */
      dryRun?: boolean;
      /** Close sites of the operator's district missing from the list. */
      closeMissing?: boolean;
    };
    responses: {
      200: ImportAnswer;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      413: Problem413;
      503: Problem503;
    };
  };
  /** Issue a district operator's key (city key only; shown once). */
  IssueOperatorKey: {
    method: "POST";
    path: "/api/manage/operators";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    responses: {
      201: IssuedOperatorKey;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      413: Problem413;
      503: Problem503;
    };
  };
  /** Issue a staff token for a site (shown once); rotate=true revokes the others. */
  IssueStaffToken: {
    method: "POST";
    path: "/api/manage/sites/{id}/tokens";
    pathParams: {
      id: string;
    };
    query: {
      /** Revoke the site's other tokens. */
      rotate?: boolean;
    };
    responses: {
      201: IssuedStaffToken;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      404: Problem404;
      503: Problem503;
    };
  };
  /** Residents' corrections grouped by site and kind, for an operator to decide. */
  ListCorrections: {
    method: "GET";
    path: "/api/manage/corrections";
    pathParams: Record<string, never>;
    query: {
      /** Only this district (区), as written in the catalogue (浦东新区). */
      district?: string;
      /** pending (default), accepted or rejected. */
      state?: "pending" | "accepted" | "rejected";
      /** Only corrections of this kind. */
      kind?: string;
      /** Only this site's corrections. */
      siteId?: string;
    };
    responses: {
      200: ListPageOfCorrectionGroupView;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      503: Problem503;
    };
  };
  /** Every district with its counts of sites by state and open now. */
  ListDistricts: {
    method: "GET";
    path: "/api/districts";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    responses: {
      200: ListPageOfDistrictSummary;
      503: Problem503;
    };
  };
  /** The gazetteer's places, paged. */
  ListGazetteer: {
    method: "GET";
    path: "/api/manage/gazetteer";
    pathParams: Record<string, never>;
    query: {
      /** Page size, 1..1000, default 100. */
      limit?: number;
      /** The cursor of the previous page. */
      cursor?: number;
      /** Coordinate system of the points given and returned. Default wgs84; mini-programs (wx.getLocation type gcj02) send gcj02. */
      coord?: "wgs84" | "gcj02" | "bd09";
    };
    responses: {
      200: ListPageOfGazetteerEntryView;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      503: Problem503;
    };
  };
  /** The operator keys (ids, names, districts, dates; never the keys). */
  ListOperatorKeys: {
    method: "GET";
    path: "/api/manage/operators";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    responses: {
      200: ListPageOfOperatorKeyInfo;
      401: Problem401;
      403: Problem403;
      503: Problem503;
    };
  };
  /** The staff tokens of a site (ids, dates and source: demo for the demo feeder's; never the tokens). */
  ListStaffTokens: {
    method: "GET";
    path: "/api/manage/sites/{id}/tokens";
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    responses: {
      200: ListPageOfStaffTokenInfo;
      401: Problem401;
      403: Problem403;
      404: Problem404;
      503: Problem503;
    };
  };
  /** Sites in service nearest a point (or an address), with distance, walk time, hours and live status. */
  NearbySites: {
    method: "GET";
    path: "/api/sites/nearby";
    pathParams: Record<string, never>;
    query: {
      /** Latitude of the resident, -90..90 (required unless address is given). */
      lat?: number;
      /** Longitude, -180..180 (required unless address is given). */
      lng?: number;
      /** Where the resident is, as text, instead of lat and lng (at most 200 characters). */
      address?: string;
      /** Coordinate system of the points given and returned. Default wgs84; mini-programs (wx.getLocation type gcj02) send gcj02. */
      coord?: "wgs84" | "gcj02" | "bd09";
      /** How many sites, 1..50, default 10. */
      limit?: number;
      /** Search radius in metres, 1..50,000, default 50,000. */
      radius?: number;
      /** now: only sites open now. */
      open?: "now";
      /** Only sites of this type. */
      type?: "unknown" | "fixed" | "convenience" | "mobile";
      /** Whose sites: public, residents, or a group (supply-chain, enterprise-staff, key-groups, medical-staff) to add its reserved sites. */
      audience?: string;
      /** Leave out sites reported busy. */
      notBusy?: boolean;
      /** distance (default) or time (walk plus expected wait). */
      sort?: "distance" | "time";
    };
    responses: {
      200: NearbyPage;
      400: Problem400;
      404: Problem404;
      429: Problem429;
      503: Problem503;
    };
  };
  /** This document (OpenAPI 3.1), with an ETag; If-None-Match answers 304. */
  OpenApiDocument: {
    method: "GET";
    path: "/api/openapi.json";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    responses: {
      200: Record<string, unknown>;
      304: void;
    };
  };
  /** The sites changed (upsert) or gone out of service (removed) after a cursor, oldest first, paged. */
  OpenSiteChanges: {
    method: "GET";
    path: "/api/open/changes";
    pathParams: Record<string, never>;
    query: {
      /** The cursor of the last change read, or an ISO 8601 instant; none for every site in service. */
      since?: string;
      /** How many changes, 1..1000, default 200. */
      limit?: number;
    };
    responses: {
      200: ListPageOfOpenChange;
      400: Problem400;
      503: Problem503;
    };
  };
  /** Every site in service as a GeoJSON FeatureCollection (RFC 7946, WGS-84; GCJ-02 in the properties), with its licence and usage note; an ETag, If-None-Match answers 304. */
  OpenSitesFeed: {
    method: "GET";
    path: "/api/open/sites.geojson";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    responses: {
      200: OpenFeatureCollection;
      304: void;
      503: Problem503;
    };
  };
  /** Who the x-admin-key belongs to: the city (every district) or a district operator, with the district. */
  OperatorWhoAmI: {
    method: "GET";
    path: "/api/manage/whoami";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    responses: {
      200: OperatorWhoAmI;
      400: Problem400;
      401: Problem401;
      503: Problem503;
    };
  };
  /** How a text of opening hours reads, as an edit or an import would store it; nothing is written. */
  ParseHours: {
    method: "GET";
    path: "/api/manage/hours/parse";
    pathParams: Record<string, never>;
    query: {
      /** The hours text (at most 500 characters); none reads as empty. */
      text?: string;
    };
    responses: {
      200: HoursView;
      400: Problem400;
      401: Problem401;
      503: Problem503;
    };
  };
  /** Who lives within a walk of an open public site at an instant: per district and for the city, places and weight, covered shares, median and 90th-percentile walking minutes. */
  PlanningCoverage: {
    method: "GET";
    path: "/api/planning/coverage";
    pathParams: Record<string, never>;
    query: {
      /** Local Shanghai time, such as 2026-12-01T21:00 (no offset); default now. */
      at?: string;
      /** The walking limit in minutes, 1..60, default 15 (great-circle metres × 1.3 ÷ 80 m/min). */
      minutes?: number;
      /** Only this district (区), as the places are placed in it (浦东新区). */
      district?: string;
    };
    responses: {
      200: PlanningCoverageView;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      404: Problem404;
      503: Problem503;
    };
  };
  /** The gaps answer drawn as an SVG map: district outlines, open public sites by type, covered and uncovered places, gap clusters, numbered suggested sites, a legend and a scale bar (equirectangular about 31.2° N; nothing fetched from elsewhere). */
  PlanningCoverageMap: {
    method: "GET";
    path: "/api/planning/coverage.svg";
    pathParams: Record<string, never>;
    query: {
      /** Local Shanghai time, such as 2026-12-01T21:00 (no offset); default now. */
      at?: string;
      /** The walking limit in minutes, 1..60, default 15 (great-circle metres × 1.3 ÷ 80 m/min). */
      minutes?: number;
      /** Only this district (区), as the places are placed in it (浦东新区). */
      district?: string;
    };
    responses: {
      200: string;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      404: Problem404;
      503: Problem503;
    };
  };
  /** Clusters of places without an open public site within the walk, largest weight first, and up to ten suggested new sites chosen greedily, each with its gain. */
  PlanningGaps: {
    method: "GET";
    path: "/api/planning/gaps";
    pathParams: Record<string, never>;
    query: {
      /** Local Shanghai time, such as 2026-12-01T21:00 (no offset); default now. */
      at?: string;
      /** The walking limit in minutes, 1..60, default 15 (great-circle metres × 1.3 ÷ 80 m/min). */
      minutes?: number;
      /** Only this district (区), as the places are placed in it (浦东新区). */
      district?: string;
      /** How many clusters, 1..1000, default 100 (clusterCount gives them all). */
      limit?: number;
      /** Coordinate system of the points given and returned. Default wgs84; mini-programs (wx.getLocation type gcj02) send gcj02. */
      coord?: "wgs84" | "gcj02" | "bd09";
    };
    responses: {
      200: PlanningGapsView;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      404: Problem404;
      503: Problem503;
    };
  };
  /** The page a problem type resolves to: its code, title, HTTP status and what it means. */
  ProblemPage: {
    method: "GET";
    path: "/api/problems/{name}";
    pathParams: {
      name: string;
    };
    query: Record<string, never>;
    responses: {
      200: ProblemPageView;
      404: Problem404;
    };
  };
  /** Readiness: whether storage answers and the catalogue is loaded (503 with the same body when not). */
  Readiness: {
    method: "GET";
    path: "/api/health/ready";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    responses: {
      200: ReadinessReport;
      503: ReadinessReport;
    };
  };
  /** Record how many people sites served per hour (a batch of counts). */
  RecordThroughput: {
    method: "POST";
    path: "/api/manage/throughput";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    responses: {
      200: ThroughputAnswer;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      413: Problem413;
      503: Problem503;
    };
  };
  /** Reject a correction. */
  RejectCorrection: {
    method: "POST";
    path: "/api/manage/corrections/{id}/reject";
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    responses: {
      200: CorrectionDecision;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      404: Problem404;
      409: Problem409;
      413: Problem413;
      503: Problem503;
    };
  };
  /** A site's staff report how busy it is (x-staff-token of that site); a demo token's reports show as source demo. */
  ReportStatus: {
    method: "POST";
    path: "/api/sites/{id}/status";
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    responses: {
      200: StatusReportAnswer;
      201: StatusReportAnswer;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      404: Problem404;
      413: Problem413;
      503: Problem503;
    };
  };
  /** Revoke an operator key. */
  RevokeOperatorKey: {
    method: "DELETE";
    path: "/api/manage/operators/{keyId}";
    pathParams: {
      keyId: string;
    };
    query: Record<string, never>;
    responses: {
      204: void;
      401: Problem401;
      403: Problem403;
      404: Problem404;
      503: Problem503;
    };
  };
  /** Revoke one staff token of a site. */
  RevokeStaffToken: {
    method: "DELETE";
    path: "/api/manage/sites/{id}/tokens/{tokenId}";
    pathParams: {
      id: string;
      tokenId: string;
    };
    query: Record<string, never>;
    responses: {
      204: void;
      401: Problem401;
      403: Problem403;
      404: Problem404;
      503: Problem503;
    };
  };
  /** Sites whose name or address matches a keyword, in a district or city, best match first, paged. */
  SearchSites: {
    method: "GET";
    path: "/api/sites";
    pathParams: Record<string, never>;
    query: {
      /** Keyword in the name or address. */
      q?: string;
      /** Only this district (区), as written in the catalogue (浦东新区). */
      district?: string;
      /** Only this city. */
      city?: string;
      /** Page size, 1..100, default 20. */
      limit?: number;
      /** Coordinate system of the points given and returned. Default wgs84; mini-programs (wx.getLocation type gcj02) send gcj02. */
      coord?: "wgs84" | "gcj02" | "bd09";
      /** With lng: rank nearer sites higher. */
      lat?: number;
      /** With lat. */
      lng?: number;
      /** The cursor of the previous page. */
      cursor?: string;
    };
    responses: {
      200: ListPageOfSiteView;
      400: Problem400;
      503: Problem503;
    };
  };
  /** Who changed a site, when and what, newest first, paged. */
  SiteAuditTrail: {
    method: "GET";
    path: "/api/manage/sites/{id}/audit";
    pathParams: {
      id: string;
    };
    query: {
      /** Page size, 1..100, default 20. */
      limit?: number;
      /** The cursor of the previous page. */
      cursor?: string;
    };
    responses: {
      200: ListPageOfAuditEntryView;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      404: Problem404;
      503: Problem503;
    };
  };
  /** Typical busyness of a site by local hour over the last 14 days. */
  SiteBusyness: {
    method: "GET";
    path: "/api/sites/{id}/busyness";
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    responses: {
      200: ListPageOfTypicalHour;
      404: Problem404;
      503: Problem503;
    };
  };
  /** The CSV template of a site list, with its header row. */
  SiteListTemplate: {
    method: "GET";
    path: "/api/manage/sites/template.csv";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    responses: {
      200: string;
      401: Problem401;
    };
  };
  /** Open sites whose status is older than its TTL, oldest first. */
  StaleSites: {
    method: "GET";
    path: "/api/manage/stale";
    pathParams: Record<string, never>;
    query: {
      /** Only this district (区), as written in the catalogue (浦东新区). */
      district?: string;
    };
    responses: {
      200: ListPageOfStaleSiteView;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      503: Problem503;
    };
  };
  /** A resident reports that a site's details are wrong (closed, moved, other hours). */
  SubmitCorrection: {
    method: "POST";
    path: "/api/sites/{id}/corrections";
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    responses: {
      202: CorrectionReceipt;
      400: Problem400;
      404: Problem404;
      413: Problem413;
      429: Problem429;
      503: Problem503;
    };
  };
  /** Upload the gazetteer of named places (compounds, streets) used to place addresses. */
  UploadGazetteer: {
    method: "POST";
    path: "/api/manage/gazetteer";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    responses: {
      200: GazetteerUploadAnswer;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      413: Problem413;
      503: Problem503;
    };
  };
  /** Upload district boundaries (replaces them whole): a GeoJSON FeatureCollection of Polygon or MultiPolygon features with a name property. Places are placed in a district by them, else by their own district field. */
  UploadPlanningDistricts: {
    method: "POST";
    path: "/api/manage/planning/districts";
    pathParams: Record<string, never>;
    query: {
      /** Coordinate system of the file's positions. Default wgs84 (GeoJSON's); the DataV district files are gcj02. */
      coord?: "wgs84" | "gcj02" | "bd09";
    };
    responses: {
      200: PlanningDistrictsUploadView;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      413: Problem413;
      503: Problem503;
    };
  };
  /** Upload the residential places planners measure coverage for (replaces them whole): CSV with the places file's columns, or JSON; an optional weight column (households, residents). */
  UploadPlanningPlaces: {
    method: "POST";
    path: "/api/manage/planning/places";
    pathParams: Record<string, never>;
    query: Record<string, never>;
    responses: {
      200: PlanningPlacesUploadView;
      400: Problem400;
      401: Problem401;
      403: Problem403;
      413: Problem413;
      503: Problem503;
    };
  };
}

/** The operations by path and lower-case method. */
export interface Paths {
  "/api/districts": { get: Operations["ListDistricts"]; };
  "/api/districts/outlines": { get: Operations["DistrictOutlines"]; };
  "/api/geocode": { get: Operations["Geocode"]; };
  "/api/health": { get: Operations["Health"]; };
  "/api/health/ready": { get: Operations["Readiness"]; };
  "/api/manage/corrections": { get: Operations["ListCorrections"]; };
  "/api/manage/corrections/{id}/accept": { post: Operations["AcceptCorrection"]; };
  "/api/manage/corrections/{id}/reject": { post: Operations["RejectCorrection"]; };
  "/api/manage/gazetteer": { get: Operations["ListGazetteer"]; post: Operations["UploadGazetteer"]; };
  "/api/manage/hours/parse": { get: Operations["ParseHours"]; };
  "/api/manage/operators": { get: Operations["ListOperatorKeys"]; post: Operations["IssueOperatorKey"]; };
  "/api/manage/operators/{keyId}": { delete: Operations["RevokeOperatorKey"]; };
  "/api/manage/planning/districts": { post: Operations["UploadPlanningDistricts"]; };
  "/api/manage/planning/places": { post: Operations["UploadPlanningPlaces"]; };
  "/api/manage/sites/import": { post: Operations["ImportSites"]; };
  "/api/manage/sites/template.csv": { get: Operations["SiteListTemplate"]; };
  "/api/manage/sites/{id}": { get: Operations["GetSiteForEdit"]; patch: Operations["EditSite"]; };
  "/api/manage/sites/{id}/audit": { get: Operations["SiteAuditTrail"]; };
  "/api/manage/sites/{id}/tokens": { get: Operations["ListStaffTokens"]; post: Operations["IssueStaffToken"]; };
  "/api/manage/sites/{id}/tokens/{tokenId}": { delete: Operations["RevokeStaffToken"]; };
  "/api/manage/stale": { get: Operations["StaleSites"]; };
  "/api/manage/throughput": { post: Operations["RecordThroughput"]; };
  "/api/manage/whoami": { get: Operations["OperatorWhoAmI"]; };
  "/api/open/changes": { get: Operations["OpenSiteChanges"]; };
  "/api/open/sites.geojson": { get: Operations["OpenSitesFeed"]; };
  "/api/openapi.json": { get: Operations["OpenApiDocument"]; };
  "/api/planning/coverage": { get: Operations["PlanningCoverage"]; };
  "/api/planning/coverage.svg": { get: Operations["PlanningCoverageMap"]; };
  "/api/planning/gaps": { get: Operations["PlanningGaps"]; };
  "/api/problems/{name}": { get: Operations["ProblemPage"]; };
  "/api/sites": { get: Operations["SearchSites"]; };
  "/api/sites/nearby": { get: Operations["NearbySites"]; };
  "/api/sites/{id}": { get: Operations["GetSite"]; };
  "/api/sites/{id}/busyness": { get: Operations["SiteBusyness"]; };
  "/api/sites/{id}/corrections": { post: Operations["SubmitCorrection"]; };
  "/api/sites/{id}/status": { post: Operations["ReportStatus"]; };
}

/** The body of a successful answer (void: none). */
export type SuccessOf<Id extends keyof Operations> = { [S in keyof Operations[Id]["responses"]]: S extends 200 | 201 | 202 | 204 ? Operations[Id]["responses"][S] : never }[keyof Operations[Id]["responses"]];
/** The problem answers of an operation (application/problem+json); not 304, which has no body. */
export type ProblemOf<Id extends keyof Operations> = Exclude<Operations[Id]["responses"][keyof Operations[Id]["responses"]], SuccessOf<Id> | void>;

export type AcceptCorrectionQuery = Operations["AcceptCorrection"]["query"];
export type AcceptCorrectionResponse = SuccessOf<"AcceptCorrection">;
export type DistrictOutlinesQuery = Operations["DistrictOutlines"]["query"];
export type DistrictOutlinesResponse = SuccessOf<"DistrictOutlines">;
export type EditSiteQuery = Operations["EditSite"]["query"];
export type EditSiteResponse = SuccessOf<"EditSite">;
export type GeocodeQuery = Operations["Geocode"]["query"];
export type GeocodeResponse = SuccessOf<"Geocode">;
export type GetSiteQuery = Operations["GetSite"]["query"];
export type GetSiteResponse = SuccessOf<"GetSite">;
export type GetSiteForEditQuery = Operations["GetSiteForEdit"]["query"];
export type GetSiteForEditResponse = SuccessOf<"GetSiteForEdit">;
export type HealthQuery = Operations["Health"]["query"];
export type HealthResponse = SuccessOf<"Health">;
export type ImportSitesQuery = Operations["ImportSites"]["query"];
export type ImportSitesResponse = SuccessOf<"ImportSites">;
export type IssueOperatorKeyQuery = Operations["IssueOperatorKey"]["query"];
export type IssueOperatorKeyResponse = SuccessOf<"IssueOperatorKey">;
export type IssueStaffTokenQuery = Operations["IssueStaffToken"]["query"];
export type IssueStaffTokenResponse = SuccessOf<"IssueStaffToken">;
export type ListCorrectionsQuery = Operations["ListCorrections"]["query"];
export type ListCorrectionsResponse = SuccessOf<"ListCorrections">;
export type ListDistrictsQuery = Operations["ListDistricts"]["query"];
export type ListDistrictsResponse = SuccessOf<"ListDistricts">;
export type ListGazetteerQuery = Operations["ListGazetteer"]["query"];
export type ListGazetteerResponse = SuccessOf<"ListGazetteer">;
export type ListOperatorKeysQuery = Operations["ListOperatorKeys"]["query"];
export type ListOperatorKeysResponse = SuccessOf<"ListOperatorKeys">;
export type ListStaffTokensQuery = Operations["ListStaffTokens"]["query"];
export type ListStaffTokensResponse = SuccessOf<"ListStaffTokens">;
export type NearbySitesQuery = Operations["NearbySites"]["query"];
export type NearbySitesResponse = SuccessOf<"NearbySites">;
export type OpenApiDocumentQuery = Operations["OpenApiDocument"]["query"];
export type OpenApiDocumentResponse = SuccessOf<"OpenApiDocument">;
export type OpenSiteChangesQuery = Operations["OpenSiteChanges"]["query"];
export type OpenSiteChangesResponse = SuccessOf<"OpenSiteChanges">;
export type OpenSitesFeedQuery = Operations["OpenSitesFeed"]["query"];
export type OpenSitesFeedResponse = SuccessOf<"OpenSitesFeed">;
export type OperatorWhoAmIQuery = Operations["OperatorWhoAmI"]["query"];
export type OperatorWhoAmIResponse = SuccessOf<"OperatorWhoAmI">;
export type ParseHoursQuery = Operations["ParseHours"]["query"];
export type ParseHoursResponse = SuccessOf<"ParseHours">;
export type PlanningCoverageQuery = Operations["PlanningCoverage"]["query"];
export type PlanningCoverageResponse = SuccessOf<"PlanningCoverage">;
export type PlanningCoverageMapQuery = Operations["PlanningCoverageMap"]["query"];
export type PlanningCoverageMapResponse = SuccessOf<"PlanningCoverageMap">;
export type PlanningGapsQuery = Operations["PlanningGaps"]["query"];
export type PlanningGapsResponse = SuccessOf<"PlanningGaps">;
export type ProblemPageQuery = Operations["ProblemPage"]["query"];
export type ProblemPageResponse = SuccessOf<"ProblemPage">;
export type ReadinessQuery = Operations["Readiness"]["query"];
export type ReadinessResponse = SuccessOf<"Readiness">;
export type RecordThroughputQuery = Operations["RecordThroughput"]["query"];
export type RecordThroughputResponse = SuccessOf<"RecordThroughput">;
export type RejectCorrectionQuery = Operations["RejectCorrection"]["query"];
export type RejectCorrectionResponse = SuccessOf<"RejectCorrection">;
export type ReportStatusQuery = Operations["ReportStatus"]["query"];
export type ReportStatusResponse = SuccessOf<"ReportStatus">;
export type RevokeOperatorKeyQuery = Operations["RevokeOperatorKey"]["query"];
export type RevokeOperatorKeyResponse = SuccessOf<"RevokeOperatorKey">;
export type RevokeStaffTokenQuery = Operations["RevokeStaffToken"]["query"];
export type RevokeStaffTokenResponse = SuccessOf<"RevokeStaffToken">;
export type SearchSitesQuery = Operations["SearchSites"]["query"];
export type SearchSitesResponse = SuccessOf<"SearchSites">;
export type SiteAuditTrailQuery = Operations["SiteAuditTrail"]["query"];
export type SiteAuditTrailResponse = SuccessOf<"SiteAuditTrail">;
export type SiteBusynessQuery = Operations["SiteBusyness"]["query"];
export type SiteBusynessResponse = SuccessOf<"SiteBusyness">;
export type SiteListTemplateQuery = Operations["SiteListTemplate"]["query"];
export type SiteListTemplateResponse = SuccessOf<"SiteListTemplate">;
export type StaleSitesQuery = Operations["StaleSites"]["query"];
export type StaleSitesResponse = SuccessOf<"StaleSites">;
export type SubmitCorrectionQuery = Operations["SubmitCorrection"]["query"];
export type SubmitCorrectionResponse = SuccessOf<"SubmitCorrection">;
export type UploadGazetteerQuery = Operations["UploadGazetteer"]["query"];
export type UploadGazetteerResponse = SuccessOf<"UploadGazetteer">;
export type UploadPlanningDistrictsQuery = Operations["UploadPlanningDistricts"]["query"];
export type UploadPlanningDistrictsResponse = SuccessOf<"UploadPlanningDistricts">;
export type UploadPlanningPlacesQuery = Operations["UploadPlanningPlaces"]["query"];
export type UploadPlanningPlacesResponse = SuccessOf<"UploadPlanningPlaces">;
