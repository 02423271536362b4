"""The recovery sheet: the emergency kit printed at setup, like a password manager's."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table

from desktop.reports.template import PageFrame, build_pdf, styles, table_style


def recovery_sheet_pdf(
    company: str, data_dir: Path, db_id: str, recovery_key: str, created_at: datetime
) -> bytes:
    """A one-page bilingual sheet with the key in groups, where the data is, and what to do."""
    st = styles()
    groups = recovery_key.split("-")
    key_table = Table([groups[:4], groups[4:]], colWidths=[38 * mm] * 4, rowHeights=[14 * mm] * 2)
    key_table.setStyle(
        table_style(
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
            size=20,
        )
    )
    facts = Table(
        [
            [Paragraph("公司 Company", st["cell"]), Paragraph(company, st["cell"])],
            [Paragraph("数据文件夹 Data folder", st["cell"]), Paragraph(str(data_dir), st["cell"])],
            [Paragraph("数据库编号 Database id", st["cell"]), Paragraph(db_id, st["cell"])],
            [
                Paragraph("创建日期 Created", st["cell"]),
                Paragraph(created_at.astimezone().strftime("%Y-%m-%d %H:%M"), st["cell"]),
            ],
        ],
        colWidths=[50 * mm, 120 * mm],
    )
    facts.setStyle(
        table_style(
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        )
    )
    story = [
        Paragraph("Baton 恢复密钥表", st["title"]),
        Paragraph("Baton recovery sheet", st["title"]),
        Spacer(1, 4 * mm),
        facts,
        Spacer(1, 8 * mm),
        Paragraph("恢复密钥 Recovery key", st["h2"]),
        key_table,
        Spacer(1, 8 * mm),
        Paragraph(
            "忘记所有管理员密码时，在解锁窗口选择“使用恢复密钥”，输入上面 8 组字符，即可为管理员设置新密码。"
            "持有此密钥和数据文件的人可以读取全部数据：请将本表锁在保险柜中，不要拍照、不要存入电脑或网盘。",
            st["body"],
        ),
        Spacer(1, 3 * mm),
        Paragraph(
            "If every administrator password is forgotten, choose “Use recovery key” in the unlock "
            "window and type the 8 groups above to give an administrator a new password. Anyone "
            "holding this key and the data files can read all data: keep this sheet in a locked "
            "cabinet; do not photograph it or store it on a computer or cloud drive.",
            st["body"],
        ),
        Spacer(1, 3 * mm),
        Paragraph(
            "若更换恢复密钥（设置 → 用户与密钥），此表作废。 Renewing the recovery key (Settings → Users & "
            "keys) makes this sheet void.",
            st["small"],
        ),
        Spacer(1, 2 * mm),
        Paragraph(
            "本表不记录在数据库中（数据库里不得留有恢复密钥的副本），因此“核验文件”无法核验本表。"
            " This sheet is not recorded in the vault (the vault must hold no copy of the recovery "
            "key), so verify-document cannot check it: it is unrecorded by design.",
            st["small"],
        ),
        Spacer(1, 12 * mm),
        Paragraph(
            "保管人签字 Kept by: ______________________    日期 Date: ______________", st["body"]
        ),
    ]
    frame = PageFrame(
        title="Baton recovery sheet",
        company=company,
        generated_at=created_at,
        lang="zh",
        reference=f"DB {db_id[:8]}",
    )
    return build_pdf(frame, story)
