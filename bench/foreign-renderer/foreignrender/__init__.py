"""An independent renderer of hiPSC colony fields (phase contrast and plate-imager bright field).

It shares nothing with ColonyQc's own simulator but the three class definitions of DESIGN.md, so
a model scored on its fields shows whether it learned colony morphology or one renderer's style.
"""
