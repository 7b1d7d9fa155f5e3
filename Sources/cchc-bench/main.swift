print("cchc-bench: not yet")
