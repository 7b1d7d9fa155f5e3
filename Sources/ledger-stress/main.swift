print("ledger-stress: not yet")
