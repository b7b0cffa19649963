"""Every change to the data goes through a function here (HackSoft style: <entity>_<action>),
so the admin, the API, the tasks and the commands share one set of rules."""
