"""The business: Qt-free use cases, each a function taking an explicit ServiceContext."""
