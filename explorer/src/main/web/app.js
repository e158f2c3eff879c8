console.log('explorer');
