"""Python work the GUI hands to worker threads: one helper for every background job (autosave
writes, the insights analysis, exports: background.py), and the cyclic collector kept on the GUI
thread while any of them runs (main_thread_gc.py). The insights analysis runs in a process of its
own (analysis_process.py, analysis_child.py, insights_work.py)."""
