"""Report computation: parameters and scope, aggregate queries, privacy, tables, charts, exports, PDF."""
