"""Co-investment projects: applying, the lifecycle (services.transition_project), what moves the money."""
