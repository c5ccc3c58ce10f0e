"""The checklist pane: a stage → category → item tree with filters, inline status and an add/edit dialog."""
