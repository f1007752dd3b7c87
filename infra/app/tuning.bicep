metadata description = 'The settings that tune the app: timer schedules, snapshot refresh and the status rules. Declared once, for main.bicep and function-app.bicep.'

@export()
@description('Plain (non-secret) settings that tune the app; each becomes the app setting named in its description.')
type tuningSettings = {
  @description('Six-field NCRONTAB schedule of the catalogue snapshot timer (CATALOGUE_SNAPSHOT_SCHEDULE).')
  catalogueSnapshotSchedule: string

  @description('Seconds between each instance\'s checks for a newer catalogue snapshot (CATALOGUE_REFRESH_SECONDS).')
  @minValue(1)
  catalogueRefreshSeconds: int

  @description('Six-field NCRONTAB schedule of the status aggregation timer (STATUS_SCHEDULE).')
  statusSchedule: string

  @description('Minutes a site status stays valid without new reports (STATUS_TTL_MINUTES).')
  @minValue(1)
  statusTtlMinutes: int

  @description('Estimated wait in minutes below which a site shows as idle (STATUS_IDLE_WAIT_MINUTES).')
  @minValue(0)
  statusIdleWaitMinutes: int

  @description('Estimated wait in minutes from which a site shows as busy (STATUS_BUSY_WAIT_MINUTES).')
  @minValue(1)
  statusBusyWaitMinutes: int

  @description('Estimated wait in minutes from which a site shows as congested (STATUS_CONGESTED_WAIT_MINUTES).')
  @minValue(1)
  statusCongestedWaitMinutes: int

  @description('Samples one sampling window takes per minute, to turn a queue length into a wait (STATUS_PER_WINDOW_SAMPLES_PER_MINUTE).')
  @minValue(1)
  statusPerWindowSamplesPerMinute: int

  @description('Seconds between each instance\'s checks for a newer status aggregate (STATUS_REFRESH_SECONDS).')
  @minValue(1)
  statusRefreshSeconds: int

  @description('Box "minLat,minLng,maxLat,maxLng" (WGS-84) outside which an imported site is held as planned (IMPORT_EXPECTED_AREA); empty: each list\'s own spread decides.')
  importExpectedArea: string

  @description('Requests one client address may make a minute to the anonymous reads of one instance; 429 with Retry-After beyond (ANONYMOUS_READS_PER_MINUTE). Generous: a carrier NAT puts many residents behind one address.')
  @minValue(1)
  anonymousReadsPerMinute: int

  @description('Wrong admin or operator keys and staff tokens one client address may send a minute before every key it sends is refused with 429 until the minute ends (FAILED_AUTH_PER_MINUTE).')
  @minValue(1)
  failedAuthPerMinute: int
}
