"""Registration views: table models, dialogs and pickers for groups and participants."""
