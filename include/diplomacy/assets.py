"""Asset URIs of the warehouse tables, shared by the producing and the consuming DAGs."""

TABLE_ASSETS = {
    "articles": "file:///warehouse/articles",
    "events": "file:///warehouse/events",
    "relationships": "file:///warehouse/relationships",
}
