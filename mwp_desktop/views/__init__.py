"""The Qt layer: windows, panels, dialogs and table models. Calls services; never writes SQL."""
