"""The idle lock's count starts again at the person's keys and mouse, wherever they are typing:
the main window or a dialog over it. Input is sent as the operating system sends it, to the
window on screen (QTest's window overloads), not straight to a widget."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout

from mwp_desktop.services.admin import users
from mwp_desktop.views.idle_lock import IdleLock
from mwp_desktop.views.main_window import MainWindow
from mwp_desktop.views.shared.context import AppContext

MINUTES = 15


def signed_in_window(qtbot, office):
    actor = users.authenticate(office, "staff", "staff-pass-1")
    window = MainWindow(AppContext(office, actor))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    lock = IdleLock(window, actor, MINUTES)
    return window, lock


def counted_down(qtbot, lock) -> int:
    """The count's milliseconds left, once some have gone."""
    start = lock.timer.remainingTime()
    qtbot.waitUntil(lambda: lock.timer.remainingTime() < start - 20)
    return lock.timer.remainingTime()


def test_a_key_or_the_mouse_in_the_window_starts_the_count_again(qtbot, office):
    window, lock = signed_in_window(qtbot, office)
    try:
        left = counted_down(qtbot, lock)
        QTest.keyClick(window.windowHandle(), Qt.Key_Shift)
        assert lock.timer.remainingTime() > left
        left = counted_down(qtbot, lock)
        QTest.mouseMove(window.windowHandle(), QPoint(300, 200))
        assert lock.timer.remainingTime() > left
    finally:
        lock.disarm()


def test_typing_in_a_dialog_over_the_window_starts_the_count_again(qtbot, office):
    window, lock = signed_in_window(qtbot, office)
    dialog = QDialog(window)
    entry = QLineEdit()
    QVBoxLayout(dialog).addWidget(entry)
    dialog.show()
    dialog.activateWindow()
    try:
        qtbot.waitUntil(lambda: QApplication.focusWindow() is dialog.windowHandle())
        left = counted_down(qtbot, lock)
        for key in (Qt.Key_K, Qt.Key_E, Qt.Key_N, Qt.Key_E, Qt.Key_M, Qt.Key_A):
            QTest.keyClick(dialog.windowHandle(), key)
        assert entry.text() == "kenema"  # the keys went where the person typed
        assert lock.timer.remainingTime() > left
    finally:
        dialog.close()
        lock.disarm()


def test_what_the_program_does_by_itself_does_not_keep_it_unlocked(qtbot, office):
    window, lock = signed_in_window(qtbot, office)
    try:
        left = counted_down(qtbot, lock)
        window.refresh_status()  # repaints, timers, layouts: no person behind them
        window.repaint()
        QApplication.processEvents()
        assert lock.timer.remainingTime() <= left
    finally:
        lock.disarm()
