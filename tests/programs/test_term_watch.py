import time
from tests.programs import helpers as h

def test_t(world):
    t=time.time(); m,t2 = h.roster_entries(world); print("roster", time.time()-t)
    t=time.time(); p = h.active_pair(world, entry=m); print("pair", time.time()-t)
    t=time.time(); p = h.active_pair(world, entry=t2); print("pair2", time.time()-t)
