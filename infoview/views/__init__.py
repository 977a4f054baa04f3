"""Views: values from the core turned into text (tables, JSON, report, trees, Mermaid, DOT, ICS,
the dashboard). They compute nothing of their own and never write."""
