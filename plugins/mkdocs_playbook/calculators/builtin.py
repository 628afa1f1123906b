"""The built-in calculators, written in the same YAML an author would write (``use: <id>``).

Inputs that several built-ins share are written once below, so their defaults and help agree.
"""

from __future__ import annotations

DAU = """\
  - name: dau
    label: Daily active users
    default: 100M
    unit: users
    min: 0
    help: People who use the product on a typical day.
"""

ACTIONS = """\
  - name: actions
    label: Actions per user per day
    default: 10
    unit: actions/day
    min: 0
    help: Requests each user makes per day, reads and writes together.
"""

PEAK_FACTOR = """\
  - name: peak_factor
    label: Peak factor
    default: 3
    unit: x
    min: 1
    help: Busiest hour over the daily average; 2 to 5 is typical.
"""

READ_WRITE = """\
  - name: read_write
    label: Reads per write
    default: 10
    unit: ":1"
    min: 0
    help: The read:write ratio; 10 means ten reads for every write.
"""

REPLICATION = """\
  - name: replication
    label: Replication factor
    default: 3
    unit: x
    min: 1
    help: Copies kept of every byte; 3 is the usual default.
"""

RETENTION = """\
  - name: retention
    label: Retention
    default: 5
    unit: years
    min: 0
    help: How long data is kept before it is deleted or archived.
"""

GROWTH = """\
  - name: growth
    label: Yearly growth
    default: 20
    unit: "%/year"
    min: 0
    help: How much more is written each year than the year before.
"""

COMPRESSION = """\
  - name: compression
    label: Compression ratio
    default: 2
    unit: x
    min: 1
    help: 2 means payloads shrink to half on the wire; 1 means no compression.
"""

HIT_RATIO = """\
  - name: hit_ratio
    label: Cache hit ratio
    default: 90
    unit: "%"
    min: 0
    max: 100
    help: 80 to 95% is a realistic goal for hot paths.
"""


PEAK_QPS = f"""\
id: peak-qps
title: Peak QPS
inputs:
{DAU}{ACTIONS}{PEAK_FACTOR}{READ_WRITE}
outputs:
  - name: avg_qps
    label: Average QPS
    formula: dau * actions / 86400
    unit: req/s
    help: A day has 86,400 seconds (about 10^5).
  - name: peak_qps
    label: Peak QPS
    formula: dau * actions / 86400 * peak_factor
    unit: req/s
    help: Size servers, connections and caches for this, not the average.
  - name: peak_read_qps
    label: Peak read QPS
    formula: peak_qps * read_write / (read_write + 1)
    unit: req/s
  - name: peak_write_qps
    label: Peak write QPS
    formula: peak_qps / (read_write + 1)
    unit: req/s
"""

STORAGE = f"""\
id: storage
title: Storage
inputs:
  - name: events
    label: Events stored per day
    default: 20M
    unit: events/day
    min: 0
    help: New records written per day (posts, messages, log lines).
  - name: event_size
    label: Average event size
    default: 1KB
    unit: B
    min: 0
    help: Bytes per record, metadata and indexes included.
{REPLICATION}{RETENTION}{GROWTH}
outputs:
  - name: per_day
    label: Storage per day
    formula: events * event_size * replication
    unit: B/day
  - name: per_year
    label: Storage per year
    formula: per_day * 365
    unit: B/year
  - name: total
    label: Total over the retention period
    formula: per_year * growth_sum(growth, retention)
    unit: B
    help: >-
      Each year writes (1 + growth) times the year before: a geometric sum. With no growth,
      it is simply per_year times retention.
"""

BANDWIDTH = f"""\
id: bandwidth
title: Bandwidth
inputs:
  - name: qps
    label: Requests per second at peak
    default: 7K
    unit: req/s
    min: 0
    help: Use the peak, not the average.
  - name: request_size
    label: Request payload
    default: 1KB
    unit: B
    min: 0
    help: Bytes each request sends in (ingress).
  - name: response_size
    label: Response payload
    default: 10KB
    unit: B
    min: 0
    help: Bytes each response sends out (egress).
{COMPRESSION}
outputs:
  - name: ingress
    label: Ingress
    formula: qps * request_size * 8 / compression
    unit: bit/s
    help: 8 bits per byte.
  - name: egress
    label: Egress
    formula: qps * response_size * 8 / compression
    unit: bit/s
    help: What the CDN and the egress bill see.
"""

CACHE = f"""\
id: cache
title: Cache
inputs:
  - name: qps
    label: Read QPS at peak
    default: 7K
    unit: req/s
    min: 0
    help: Reads that go to the cache first.
{HIT_RATIO}
  - name: items
    label: Items in the data set
    default: 100M
    unit: items
    min: 0
    help: Everything that could be read.
  - name: hot_fraction
    label: Hot fraction
    default: 20
    unit: "%"
    min: 0
    max: 100
    help: Share of items that gets most reads (the 80/20 rule).
  - name: item_size
    label: Average item size
    default: 1KB
    unit: B
    min: 0
    help: Bytes per cached item, key and overhead included.
outputs:
  - name: origin_qps
    label: Origin QPS (cache misses)
    formula: qps * (1 - hit_ratio)
    unit: req/s
    help: What the database still has to absorb.
  - name: memory
    label: Memory for the hot set
    formula: items * hot_fraction * item_size
    unit: B
"""

CAPACITY_PLANNER = f"""\
id: capacity-planner
title: Capacity planner
inputs:
{DAU}{ACTIONS}{READ_WRITE}{PEAK_FACTOR}
  - name: write_size
    label: Bytes stored per write
    default: 1KB
    unit: B
    min: 0
    help: Also the request payload of a write.
  - name: response_size
    label: Response payload of a read
    default: 10KB
    unit: B
    min: 0
{COMPRESSION}{REPLICATION}{RETENTION}{GROWTH}{HIT_RATIO}
  - name: hot_fraction
    label: Hot fraction of a day's writes
    default: 20
    unit: "%"
    min: 0
    max: 100
    help: Share of the day's new items kept in memory.
  - name: qps_per_server
    label: QPS one server handles
    default: 1K
    unit: req/s
    min: 1
    help: Measure it; 1K to 10K is common for a stateless service.
outputs:
  - name: avg_qps
    label: Average QPS
    formula: dau * actions / 86400
    unit: req/s
  - name: peak_qps
    label: Peak QPS
    formula: avg_qps * peak_factor
    unit: req/s
  - name: read_qps
    label: Peak read QPS
    formula: peak_qps * read_write / (read_write + 1)
    unit: req/s
  - name: write_qps
    label: Peak write QPS
    formula: peak_qps / (read_write + 1)
    unit: req/s
  - name: writes_per_day
    label: Writes per day
    formula: dau * actions / (read_write + 1)
    unit: events/day
  - name: storage_per_day
    label: Storage per day
    formula: writes_per_day * write_size * replication
    unit: B/day
  - name: storage_per_year
    label: Storage per year
    formula: storage_per_day * 365
    unit: B/year
  - name: storage_total
    label: Storage over the retention period
    formula: >-
      storage_per_year * growth_sum(growth, retention)
    unit: B
  - name: ingress
    label: Ingress
    formula: write_qps * write_size * 8 / compression
    unit: bit/s
  - name: egress
    label: Egress
    formula: read_qps * response_size * 8 / compression
    unit: bit/s
  - name: origin_qps
    label: Database read QPS (cache misses)
    formula: read_qps * (1 - hit_ratio)
    unit: req/s
  - name: cache_memory
    label: Cache memory for the hot set
    formula: writes_per_day * write_size * hot_fraction
    unit: B
  - name: servers
    label: Servers needed at peak
    formula: ceil(peak_qps / qps_per_server)
    unit: servers
"""

BUILTINS: dict[str, str] = {
    "peak-qps": PEAK_QPS,
    "storage": STORAGE,
    "bandwidth": BANDWIDTH,
    "cache": CACHE,
    "capacity-planner": CAPACITY_PLANNER,
}
"""Built-in calculator id -> its YAML."""
