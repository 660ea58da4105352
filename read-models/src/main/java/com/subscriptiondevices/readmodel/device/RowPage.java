package com.subscriptiondevices.readmodel.device;

import java.util.List;

/** One page of device rows, and how many rows matched in all. */
record RowPage(List<DeviceRow> rows, long total) {}
