// A rule plugin depends on the `Rewards` product only, yet reads images (`Image`, `LabelImage`), the graph (`Edge`)
// and object descriptors (`ObjectTable`) through `RewardContext`: re-export the modules that API is made of.
@_exported import Descriptors
@_exported import Graphs
@_exported import Imaging
