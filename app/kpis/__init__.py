"""The eight management figures of T/CSCA 120031 5.2.1 (管理目标), as chapter 3 defines them
(3.11-3.18), computed from what was recorded, for any period, per consultant and per brand; their
targets; the monthly report and the certification evidence pack (issue #20)."""
